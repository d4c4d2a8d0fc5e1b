using System.Runtime.InteropServices;
using GeoFlowNetSar.Synthesis.Datasets;
using GeoFlowNetSar.Synthesis.Samples;
using GeoFlowNetSar.Synthesis.Simulation;

namespace GeoFlowNetSar.Synthesis.Tests.Datasets;

public sealed class SampleDatasetTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"gfn-dataset-{Guid.NewGuid():N}");
    private static readonly FaultDeformSimulator Simulator = new(FaultDeformOptions.Training);

    public SampleDatasetTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private string Folder(string name)
    {
        string path = Path.Combine(_root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    private static SampleDatasetOptions Options(long count, int parallelism = 1, AmplitudeEncoding amplitude = AmplitudeEncoding.Float32) => new()
    {
        Count = count,
        Size = 48,
        BaseSeed = 1000,
        SamplesPerShard = 4,
        Parallelism = parallelism,
        Amplitude = amplitude,
        Source = new Dictionary<string, string> { ["generator"] = "simulator" },
    };

    private static bool SameBytes(float[] a, float[] b) => MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.AsSpan()));

    [Fact]
    public void RoundTrip_IsExact_AndEqualsTheGenerator()
    {
        string folder = Folder("a");
        var index = SampleDatasetWriter.Write(folder, Simulator, Options(10, parallelism: 2));
        using var reader = SampleDatasetReader.Open(folder);
        Assert.Equal(10, reader.Count);
        Assert.Equal(48, reader.Size);
        for (int i = 0; i < 10; i++)
        {
            var expected = Simulator.Generate(48, 1000 + i);
            var actual = reader.Read(i);
            Assert.True(SameBytes(expected.Pre, actual.Pre), $"PRE {i}");
            Assert.True(SameBytes(expected.Post, actual.Post), $"POST {i}");
            Assert.True(SameBytes(expected.Dx, actual.Dx), $"dx {i}");
            Assert.True(SameBytes(expected.Dy, actual.Dy), $"dy {i}");
            Assert.Equal(expected.Parameters, actual.Parameters);
            // As a generator: the seed rule of the index, full size.
            Assert.True(SameBytes(expected.Post, reader.Generate(48, 1000 + i).Post));
        }
        Assert.Equal(index.Samples.Select(s => s.Checksum), reader.Index.Samples.Select(s => s.Checksum));
    }

    [Fact]
    public void Index_IsComplete()
    {
        string folder = Folder("b");
        SampleDatasetWriter.Write(folder, Simulator, Options(10));
        var files = Directory.GetFiles(folder).Select(f => Path.GetFileName(f)!).Order().ToArray();
        Assert.Equal(["index.json", "shard-00000.gfns", "shard-00001.gfns", "shard-00002.gfns"], files);
        var index = DatasetIndex.Parse(File.ReadAllBytes(Path.Combine(folder, "index.json")), "index.json");
        Assert.Equal(10, index.Count);
        Assert.Equal([4, 4, 2], index.Shards.Select(s => s.Count));
        long record = SampleShardFormat.RecordBytes(48, AmplitudeEncoding.Float32);
        Assert.Equal(16L * 48 * 48, record);
        for (int i = 0; i < 10; i++)
        {
            var s = index.Samples[i];
            Assert.Equal(i, s.Index);
            Assert.Equal(1000 + i, s.Seed);
            Assert.Equal(i / 4, s.Shard);
            Assert.Equal(64 + (i % 4) * record, s.Offset);
            Assert.Equal((1000 + i).ToString(), s.Parameters["seed"]);
            Assert.Equal(Simulator.Generate(48, 1000 + i).Parameters, s.Parameters);
            Assert.Matches("^[0-9a-f]{16}$", s.Checksum);
        }
        foreach (var shard in index.Shards)
            Assert.Equal(shard.Bytes, new FileInfo(Path.Combine(folder, shard.File)).Length);
        Assert.Equal("simulator", index.Source["generator"]);
    }

    [Fact]
    public void Output_IsByteIdentical_WhateverTheParallelism()
    {
        string a = Folder("p1"), b = Folder("p3");
        SampleDatasetWriter.Write(a, Simulator, Options(9, parallelism: 1));
        SampleDatasetWriter.Write(b, Simulator, Options(9, parallelism: 3));
        foreach (var file in Directory.GetFiles(a))
            Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, Path.GetFileName(file)))), Path.GetFileName(file));
        Assert.Equal(Directory.GetFiles(a).Length, Directory.GetFiles(b).Length);
    }

    [Fact]
    public void Float16Amplitudes_WithinHalfPrecision_DisplacementExact()
    {
        string folder = Folder("h");
        SampleDatasetWriter.Write(folder, Simulator, Options(3, amplitude: AmplitudeEncoding.Float16));
        Assert.Equal(64 + 3 * 12L * 48 * 48, new FileInfo(Path.Combine(folder, "shard-00000.gfns")).Length);
        using var reader = SampleDatasetReader.Open(folder);
        for (int i = 0; i < 3; i++)
        {
            var expected = Simulator.Generate(48, 1000 + i);
            var actual = reader.Read(i);
            for (int k = 0; k < expected.Pre.Length; k++)
            {
                Assert.True(Math.Abs(actual.Pre[k] - expected.Pre[k]) <= Math.Abs(expected.Pre[k]) / 2048 + 1e-7, $"PRE {k}");
                Assert.True(Math.Abs(actual.Post[k] - expected.Post[k]) <= Math.Abs(expected.Post[k]) / 2048 + 1e-7, $"POST {k}");
            }
            Assert.True(SameBytes(expected.Dx, actual.Dx));
            Assert.True(SameBytes(expected.Dy, actual.Dy));
        }
    }

    [Fact]
    public void Generate_CropsDeterministically_AndCyclesThroughTheDataset()
    {
        string folder = Folder("c");
        SampleDatasetWriter.Write(folder, Simulator, Options(5));
        using var reader = SampleDatasetReader.Open(folder);
        Assert.Equal(2, reader.IndexOfSeed(1007));
        Assert.Equal(4, reader.IndexOfSeed(999));
        Assert.Equal((long)((((System.Numerics.BigInteger)long.MinValue - 1000) % 5 + 5) % 5), reader.IndexOfSeed(long.MinValue));
        Assert.Equal((long)(((System.Numerics.BigInteger)long.MaxValue - 1000) % 5), reader.IndexOfSeed(long.MaxValue));
        var a = reader.Generate(32, 1002);
        var b = reader.Generate(32, 1002);
        Assert.Equal(32, a.Size);
        Assert.True(SameBytes(a.Pre, b.Pre));
        var full = reader.Read(2);
        int x0 = int.Parse(a.Parameters["crop_x"]), y0 = int.Parse(a.Parameters["crop_y"]);
        for (int y = 0; y < 32; y++)
            for (int x = 0; x < 32; x++)
                Assert.Equal(full.Dx[(y0 + y) * 48 + x0 + x], a.Dx[y * 32 + x]);
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Generate(64, 1000));
    }

    [Fact]
    public void Corruption_IsDetected()
    {
        string folder = Folder("x");
        SampleDatasetWriter.Write(folder, Simulator, Options(5));
        string shard = Path.Combine(folder, "shard-00000.gfns");
        var bytes = File.ReadAllBytes(shard);
        bytes[64 + 100] ^= 0x10;
        File.WriteAllBytes(shard, bytes);
        using (var reader = SampleDatasetReader.Open(folder))
        {
            var error = Assert.Throws<InvalidDataException>(() => reader.Read(0));
            Assert.Contains("checksum", error.Message);
            reader.Read(1);
        }
        File.WriteAllBytes(shard, bytes[..^10]);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => SampleDatasetReader.Open(folder)).Message);
    }

    [Fact]
    public void RefusesANonEmptyFolder()
    {
        string folder = Folder("n");
        File.WriteAllText(Path.Combine(folder, "keep.txt"), "x");
        Assert.Throws<IOException>(() => SampleDatasetWriter.Write(folder, Simulator, Options(2)));
        Assert.Equal("x", File.ReadAllText(Path.Combine(folder, "keep.txt")));
    }
}
