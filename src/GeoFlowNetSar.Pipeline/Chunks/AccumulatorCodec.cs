using System.IO.Compression;
using GeoFlowNetSar.Core.Accumulation;

namespace GeoFlowNetSar.Pipeline.Chunks;

/// <summary>
/// A chunk's <see cref="DisplacementAccumulator"/> as bytes: its region and the planes Weight, ΣDx, ΣDy, ΣDx², ΣDy²
/// (Float64) and Invalid (one byte, 0 or 1), bit-exact, so a mosaic stitched from decoded accumulators equals the
/// embedded run's. See <see cref="ChunkBlobFormat"/>.
/// </summary>
public static class AccumulatorCodec
{
    private const ushort Planes = 6;
    private const int BytesPerPixel = 5 * sizeof(double) + 1;

    private static ReadOnlySpan<byte> Magic => "GFAC"u8;

    public static void Encode(DisplacementAccumulator accumulator, Stream destination, CompressionLevel level = CompressionLevel.Fastest)
    {
        var region = accumulator.Region;
        ChunkBlobFormat.WriteHeader(destination, Magic, Planes, region, region.Area * BytesPerPixel);
        using var zlib = ChunkBlobFormat.Compress(destination, level);
        ChunkBlobFormat.WritePlane<double>(zlib, accumulator.Weight);
        ChunkBlobFormat.WritePlane<double>(zlib, accumulator.SumDx);
        ChunkBlobFormat.WritePlane<double>(zlib, accumulator.SumDy);
        ChunkBlobFormat.WritePlane<double>(zlib, accumulator.SumDx2);
        ChunkBlobFormat.WritePlane<double>(zlib, accumulator.SumDy2);
        var invalid = new byte[accumulator.Invalid.Length];
        for (int i = 0; i < invalid.Length; i++) invalid[i] = accumulator.Invalid[i] ? (byte)1 : (byte)0;
        ChunkBlobFormat.WritePlane<byte>(zlib, invalid);
    }

    public static byte[] Encode(DisplacementAccumulator accumulator, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var buffer = new MemoryStream();
        Encode(accumulator, buffer, level);
        return buffer.ToArray();
    }

    /// <exception cref="InvalidDataException">Not an accumulator, another version, truncated or corrupt.</exception>
    public static DisplacementAccumulator Decode(Stream source)
    {
        const string what = "accumulator";
        var (region, payload) = ChunkBlobFormat.ReadHeader(source, Magic, Planes, what);
        if (payload != region.Area * BytesPerPixel)
            throw new InvalidDataException($"{what} blob declares {payload} bytes for {region}.");
        var accumulator = new DisplacementAccumulator(region);
        using var zlib = ChunkBlobFormat.Decompress(source);
        ChunkBlobFormat.ReadPlane<double>(zlib, accumulator.Weight, what);
        ChunkBlobFormat.ReadPlane<double>(zlib, accumulator.SumDx, what);
        ChunkBlobFormat.ReadPlane<double>(zlib, accumulator.SumDy, what);
        ChunkBlobFormat.ReadPlane<double>(zlib, accumulator.SumDx2, what);
        ChunkBlobFormat.ReadPlane<double>(zlib, accumulator.SumDy2, what);
        var invalid = new byte[accumulator.Invalid.Length];
        ChunkBlobFormat.ReadPlane<byte>(zlib, invalid, what);
        for (int i = 0; i < invalid.Length; i++)
        {
            if (invalid[i] > 1) throw new InvalidDataException($"{what} blob has an invalid-mask value {invalid[i]}.");
            accumulator.Invalid[i] = invalid[i] == 1;
        }
        ChunkBlobFormat.ExpectEnd(zlib, what);
        return accumulator;
    }

    public static DisplacementAccumulator Decode(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return Decode(stream);
    }
}
