using GeoFlowNetSar.Core.Accumulation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Pipeline.Chunks;

namespace GeoFlowNetSar.Cluster.Tests;

public sealed class ChunkCodecTests
{
    [Fact]
    public void Chunk_images_round_trip_bit_exactly_including_nan_and_infinities()
    {
        var rect = new PixelRect(37, 5, 19, 11);
        var image = new FloatImage(rect.Width, rect.Height);
        var random = new Random(3);
        for (int i = 0; i < image.Pixels.Length; i++) image.Pixels[i] = (float)(random.NextDouble() * 1e3);
        image.Pixels[0] = float.NaN;
        image.Pixels[1] = BitConverter.Int32BitsToSingle(0x7fc0_1234); // a NaN with a payload
        image.Pixels[2] = float.PositiveInfinity;
        image.Pixels[3] = -0f;
        image.Pixels[4] = float.Epsilon;

        var (decodedRect, decoded) = ChunkImageCodec.Decode(ChunkImageCodec.Encode(rect, image));

        Assert.Equal(rect, decodedRect);
        Assert.Equal(image.Pixels.Select(BitConverter.SingleToInt32Bits), decoded.Pixels.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Accumulators_round_trip_bit_exactly()
    {
        var region = new PixelRect(100, 200, 23, 17);
        var accumulator = new DisplacementAccumulator(region);
        var random = new Random(11);
        for (int i = 0; i < accumulator.Weight.Length; i++)
        {
            accumulator.Weight[i] = random.NextDouble();
            accumulator.SumDx[i] = random.NextDouble() - 0.5;
            accumulator.SumDy[i] = 1e-300 * random.NextDouble();
            accumulator.SumDx2[i] = random.NextDouble() * 1e10;
            accumulator.SumDy2[i] = i % 7 == 0 ? double.NaN : random.NextDouble();
            accumulator.Invalid[i] = i % 5 == 0;
        }

        var decoded = AccumulatorCodec.Decode(AccumulatorCodec.Encode(accumulator));

        Assert.Equal(region, decoded.Region);
        AssertBits(accumulator.Weight, decoded.Weight);
        AssertBits(accumulator.SumDx, decoded.SumDx);
        AssertBits(accumulator.SumDy, decoded.SumDy);
        AssertBits(accumulator.SumDx2, decoded.SumDx2);
        AssertBits(accumulator.SumDy2, decoded.SumDy2);
        Assert.Equal(accumulator.Invalid, decoded.Invalid);
    }

    [Fact]
    public void Empty_regions_round_trip()
    {
        var decoded = AccumulatorCodec.Decode(AccumulatorCodec.Encode(new DisplacementAccumulator(default)));
        Assert.True(decoded.Region.IsEmpty);
    }

    [Fact]
    public void Corrupt_truncated_or_foreign_blobs_are_refused()
    {
        var accumulator = new DisplacementAccumulator(new PixelRect(0, 0, 64, 64));
        accumulator.Weight.AsSpan().Fill(1);
        var bytes = AccumulatorCodec.Encode(accumulator);

        Assert.Throws<InvalidDataException>(() => AccumulatorCodec.Decode(bytes[..(bytes.Length - 9)]));
        Assert.Throws<InvalidDataException>(() => AccumulatorCodec.Decode(bytes[..20]));
        Assert.Throws<InvalidDataException>(() => ChunkImageCodec.Decode(bytes));
        var badChecksum = (byte[])bytes.Clone();
        badChecksum[^1] ^= 0x5a; // the zlib stream's Adler-32
        Assert.Throws<InvalidDataException>(() => AccumulatorCodec.Decode(badChecksum));
        var version = (byte[])bytes.Clone();
        version[4] = 9;
        Assert.Contains("version 9", Assert.Throws<InvalidDataException>(() => AccumulatorCodec.Decode(version)).Message);
    }

    [Fact]
    public void A_chunk_image_source_serves_its_rectangle_and_refuses_anything_else()
    {
        var rect = new PixelRect(10, 20, 4, 3);
        var image = new FloatImage(4, 3, Enumerable.Range(0, 12).Select(i => (float)i).ToArray());
        var source = new ChunkImageSource("chunk 7 pre", 100, 50, rect, image);
        var values = new float[4];
        source.Read(new PixelRect(11, 21, 2, 2), values);
        Assert.Equal([5f, 6f, 9f, 10f], values);
        Assert.Equal(100, source.Width);
        Assert.Throws<ArgumentOutOfRangeException>(() => source.Read(new PixelRect(9, 20, 2, 2), values));
    }

    private static void AssertBits(double[] expected, double[] actual) =>
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
}
