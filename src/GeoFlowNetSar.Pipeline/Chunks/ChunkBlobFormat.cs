using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using GeoFlowNetSar.Core.Rasters;

namespace GeoFlowNetSar.Pipeline.Chunks;

/// <summary>
/// The shared layout of chunk blobs (<see cref="ChunkImageCodec"/>, <see cref="AccumulatorCodec"/>): a 40-byte
/// little-endian header (4-byte magic, u16 version, u16 plane count, rect X/Y/Width/Height as i32, u64 payload bytes,
/// 8 reserved zero bytes) followed by the planes, raw little-endian, one after the other, inside one
/// zlib stream (deflate plus an Adler-32 check, so a corrupt blob fails to decode instead of giving wrong numbers).
/// </summary>
internal static class ChunkBlobFormat
{
    public const int HeaderBytes = 40;
    public const ushort Version = 1;

    public static void WriteHeader(Stream destination, ReadOnlySpan<byte> magic, ushort planes, PixelRect rect, long payloadBytes)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        header.Clear();
        magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], planes);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], rect.X);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], rect.Y);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], rect.Width);
        BinaryPrimitives.WriteInt32LittleEndian(header[20..], rect.Height);
        BinaryPrimitives.WriteInt64LittleEndian(header[24..], payloadBytes);
        destination.Write(header);
    }

    public static (PixelRect Rect, long PayloadBytes) ReadHeader(Stream source, ReadOnlySpan<byte> magic, ushort planes, string what)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        try
        {
            source.ReadExactly(header);
        }
        catch (EndOfStreamException error)
        {
            throw new InvalidDataException($"Not a {what} blob: shorter than its {HeaderBytes}-byte header.", error);
        }
        if (!header[..4].SequenceEqual(magic))
            throw new InvalidDataException($"Not a {what} blob (magic '{System.Text.Encoding.ASCII.GetString(header[..4])}').");
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        if (version != Version)
            throw new InvalidDataException($"{what} blob version {version} is not supported (this build reads version {Version}).");
        ushort planeCount = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
        if (planeCount != planes)
            throw new InvalidDataException($"{what} blob has {planeCount} planes, expected {planes}.");
        var rect = new PixelRect(
            BinaryPrimitives.ReadInt32LittleEndian(header[8..]), BinaryPrimitives.ReadInt32LittleEndian(header[12..]),
            BinaryPrimitives.ReadInt32LittleEndian(header[16..]), BinaryPrimitives.ReadInt32LittleEndian(header[20..]));
        if (rect.Width < 0 || rect.Height < 0 || rect.Area > int.MaxValue)
            throw new InvalidDataException($"{what} blob has an impossible rectangle {rect}.");
        return (rect, BinaryPrimitives.ReadInt64LittleEndian(header[24..]));
    }

    public static ZLibStream Compress(Stream destination, CompressionLevel level) => new(destination, level, leaveOpen: true);

    public static ZLibStream Decompress(Stream source) => new(source, CompressionMode.Decompress, leaveOpen: true);

    public static void WritePlane<T>(Stream destination, ReadOnlySpan<T> plane) where T : unmanaged
    {
        EnsureLittleEndian();
        destination.Write(MemoryMarshal.AsBytes(plane));
    }

    public static void ReadPlane<T>(Stream source, Span<T> plane, string what) where T : unmanaged
    {
        EnsureLittleEndian();
        try
        {
            source.ReadExactly(MemoryMarshal.AsBytes(plane));
        }
        catch (EndOfStreamException error)
        {
            throw new InvalidDataException($"{what} blob is truncated.", error);
        }
    }

    /// <summary>The payload must end exactly where the planes do (a longer one is not what its header says).</summary>
    public static void ExpectEnd(Stream payload, string what)
    {
        Span<byte> probe = stackalloc byte[1];
        if (payload.Read(probe) != 0) throw new InvalidDataException($"{what} blob has data after its planes.");
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("Chunk blobs are read and written on little-endian machines only.");
    }
}
