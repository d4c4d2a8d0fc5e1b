using System.IO.Compression;
using GeoFlowNetSar.Core.Rasters;

namespace GeoFlowNetSar.Pipeline.Chunks;

/// <summary>
/// A chunk's input image (PRE or POST amplitude over <see cref="GeoFlowNetSar.Core.Tiling.Chunk.Input"/>) as bytes:
/// the rect in scene coordinates and the Float32 pixels, bit-exact (NaN payloads included). See <see cref="ChunkBlobFormat"/>.
/// </summary>
public static class ChunkImageCodec
{
    private static ReadOnlySpan<byte> Magic => "GFCI"u8;

    public static void Encode(PixelRect rect, FloatImage image, Stream destination, CompressionLevel level = CompressionLevel.Fastest)
    {
        if (image.Width != rect.Width || image.Height != rect.Height)
            throw new ArgumentException($"The image is {image.Width}x{image.Height}, the rect {rect}.", nameof(image));
        ChunkBlobFormat.WriteHeader(destination, Magic, 1, rect, rect.Area * sizeof(float));
        using var zlib = ChunkBlobFormat.Compress(destination, level);
        ChunkBlobFormat.WritePlane<float>(zlib, image.Pixels);
    }

    public static byte[] Encode(PixelRect rect, FloatImage image, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var buffer = new MemoryStream();
        Encode(rect, image, buffer, level);
        return buffer.ToArray();
    }

    /// <exception cref="InvalidDataException">Not a chunk image, another version, truncated or corrupt.</exception>
    public static (PixelRect Rect, FloatImage Image) Decode(Stream source)
    {
        const string what = "chunk image";
        var (rect, payload) = ChunkBlobFormat.ReadHeader(source, Magic, 1, what);
        if (payload != rect.Area * sizeof(float))
            throw new InvalidDataException($"{what} blob declares {payload} bytes for {rect}.");
        var image = new FloatImage(rect.Width, rect.Height);
        using var zlib = ChunkBlobFormat.Decompress(source);
        ChunkBlobFormat.ReadPlane<float>(zlib, image.Pixels, what);
        ChunkBlobFormat.ExpectEnd(zlib, what);
        return (rect, image);
    }

    public static (PixelRect Rect, FloatImage Image) Decode(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return Decode(stream);
    }
}
