using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using GeoFlowNetSar.Cli.Tests.Support;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Synthesis.Datasets;
using GeoFlowNetSar.Synthesis.Scenes;
using GeoFlowNetSar.Synthesis.Simulation;

namespace GeoFlowNetSar.Cli.Tests;

/// <summary>`geoflownet synth scene` and `geoflownet synth dataset`, run as the real CLI.</summary>
public class SynthCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static float[] Read(string path, int band = 1)
    {
        using var source = GdalAmplitudeSource.Open(path, new AmplitudeReadOptions { Band = band });
        return source.ReadImage().Pixels;
    }

    private static bool SameBytes(float[] a, float[] b) => MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.AsSpan()));

    [Fact]
    public void Scene_WritesThreeRastersWithTheConventionalBands_AndAQuickLook()
    {
        // Seed 2 draws a surface-rupturing thrust fault (checked below through scene.json).
        string output = _dir.File("scene");
        var result = CliProcess.Run("synth", "scene", "--out", output, "--size", "256", "200", "--seed", "2", "--quicklook",
            "--band-rows", "64", "--threads", "1");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(["post.tif", "pre.tif", "quicklook.png", "scene.json", "truth.tif"],
            Directory.GetFiles(output).Select(f => Path.GetFileName(f)!).Order().ToArray());
        Assert.Equal(["scene"], Directory.GetFileSystemEntries(_dir.Path).Select(f => Path.GetFileName(f)!).ToArray());

        foreach (var name in new[] { "pre.tif", "post.tif" })
        {
            var info = RasterInfo.Read(Path.Combine(output, name));
            Assert.Equal((200, 256), (info.Width, info.Height));
            Assert.Equal(["amplitude"], info.Bands.Select(b => b.Description));
            Assert.Equal(RasterDataType.Float32, info.DataType);
        }
        var truth = RasterInfo.Read(Path.Combine(output, "truth.tif"));
        Assert.Equal((200, 256), (truth.Width, truth.Height));
        Assert.Equal(["dx", "dy"], truth.Bands.Select(b => b.Description));
        Assert.All(truth.Bands, b => Assert.True(b.NoData is { } v && double.IsNaN(v)));

        float[] dx = Read(Path.Combine(output, "truth.tif"), 1), dy = Read(Path.Combine(output, "truth.tif"), 2);
        float max = 0, jump = 0;
        for (int y = 0; y < 256; y++)
            for (int x = 0; x < 200; x++)
            {
                int i = y * 200 + x;
                max = Math.Max(max, Math.Max(Math.Abs(dx[i]), Math.Abs(dy[i])));
                if (x + 1 < 200) jump = Math.Max(jump, Math.Max(Math.Abs(dx[i + 1] - dx[i]), Math.Abs(dy[i + 1] - dy[i])));
                if (y + 1 < 256) jump = Math.Max(jump, Math.Max(Math.Abs(dx[i + 200] - dx[i]), Math.Abs(dy[i + 200] - dy[i])));
            }
        Assert.Equal(1.0, max, 5);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "scene.json")));
        Assert.Equal("true", json.RootElement.GetProperty("parameters").GetProperty("fault_surface_rupture").GetString());
        Assert.True(jump > 0.25, $"largest neighbour jump {jump} px: no rupture visible");

        // The streamed bands (64 rows each) are the scene rendered whole.
        var scene = FaultDeformScene.Plan(200, 256, 2, new FaultDeformOptions { ZeroDeformationFraction = 0 }).RenderAll();
        Assert.True(SameBytes(scene.Pre, Read(Path.Combine(output, "pre.tif"))), "pre.tif differs from the scene");
        Assert.True(SameBytes(scene.Post, Read(Path.Combine(output, "post.tif"))), "post.tif differs from the scene");
        Assert.True(SameBytes(scene.Dx, dx) && SameBytes(scene.Dy, dy), "truth.tif differs from the scene");

        var png = File.ReadAllBytes(Path.Combine(output, "quicklook.png"));
        Assert.True(png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "not a PNG signature");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal("IEND", System.Text.Encoding.ASCII.GetString(png, png.Length - 8, 4));
        var quickLook = RasterInfo.Read(Path.Combine(output, "quicklook.png"));
        Assert.True(quickLook.Width >= 400 && quickLook.Height >= 512, $"{quickLook.Width}x{quickLook.Height}");
    }

    [Fact]
    public void Dataset_WritesSamplesEqualToTheGenerator()
    {
        string output = _dir.File("data");
        var result = CliProcess.Run("synth", "dataset", "--out", output, "--count", "5", "--size", "48", "--seed", "11",
            "--shard-samples", "2", "--threads", "2");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(["index.json", "shard-00000.gfns", "shard-00001.gfns", "shard-00002.gfns"],
            Directory.GetFiles(output).Select(f => Path.GetFileName(f)!).Order().ToArray());
        using var reader = SampleDatasetReader.Open(output);
        Assert.Equal(5, reader.Count);
        var simulator = new FaultDeformSimulator();
        for (int i = 0; i < 5; i++)
        {
            var expected = simulator.Generate(48, 11 + i);
            var actual = reader.Read(i);
            Assert.True(SameBytes(expected.Pre, actual.Pre) && SameBytes(expected.Post, actual.Post), $"PRE/POST {i}");
            Assert.True(SameBytes(expected.Dx, actual.Dx) && SameBytes(expected.Dy, actual.Dy), $"dx/dy {i}");
            Assert.Equal(expected.Parameters, actual.Parameters);
            Assert.Equal(11 + i, reader.Index.Samples[i].Seed);
        }
        Assert.Equal("FaultDeform-SAR simulator", reader.Index.Source["generator"]);
    }

    [Fact]
    public void Dataset_TrainingPresetAndHalfPrecision()
    {
        string output = _dir.File("half");
        var result = CliProcess.Run("synth", "dataset", "--out", output, "--count", "2", "--size", "40", "--seed", "5",
            "--training-preset", "--precision", "float16", "--threads", "1");
        Assert.True(result.ExitCode == 0, result.All);
        using var reader = SampleDatasetReader.Open(output);
        Assert.Equal(AmplitudeEncoding.Float16, reader.Index.Amplitude);
        var expected = new FaultDeformSimulator(FaultDeformOptions.Training).Generate(40, 6);
        var actual = reader.Read(1);
        Assert.Equal(expected.Parameters, actual.Parameters);
        Assert.True(SameBytes(expected.Dx, actual.Dx));
        for (int k = 0; k < expected.Pre.Length; k++) Assert.True(Math.Abs(expected.Pre[k] - actual.Pre[k]) <= Math.Abs(expected.Pre[k]) / 2048 + 1e-7);
    }

    [Fact]
    public void Dataset_FromARealUavsarPair_AlignsAndIsDeterministic()
    {
        string pre = $"HDF5:\"{SharedData.File("uavsar-slc-sanand-129.h5")}\"://science/LSAR/SLC/swaths/frequencyA/HH";
        string post = $"HDF5:\"{SharedData.File("uavsar-slc-sanand-138.h5")}\"://science/LSAR/SLC/swaths/frequencyA/HH";
        string[] args = ["--count", "6", "--size", "64", "--seed", "3", "--shard-samples", "4", "--threads", "2", "--source", $"pairs:{pre},{post}"];
        var first = CliProcess.Run(["synth", "dataset", "--out", _dir.File("a"), .. args]);
        Assert.True(first.ExitCode == 0, first.All);
        var second = CliProcess.Run(["synth", "dataset", "--out", _dir.File("b"), .. args]);
        Assert.True(second.ExitCode == 0, second.All);
        foreach (var file in Directory.GetFiles(_dir.File("a")))
            Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_dir.File("b"), Path.GetFileName(file)))),
                $"{Path.GetFileName(file)} differs between two runs with the same seed");

        // The 129 crop (200x150) is columns ≈ 100… of the 138 crop (400x150).
        using var reader = SampleDatasetReader.Open(_dir.File("a"));
        double ax = double.Parse(reader.Index.Source["alignment_dx_px"], CultureInfo.InvariantCulture);
        double ay = double.Parse(reader.Index.Source["alignment_dy_px"], CultureInfo.InvariantCulture);
        Assert.InRange(ax, 99.5, 100.8);
        Assert.InRange(ay, -1, 1);
        Assert.True(double.Parse(reader.Index.Source["alignment_significance"], CultureInfo.InvariantCulture) > 1.5);

        // Both rasters are complex SLCs: the complex path was chosen by itself and is recorded.
        Assert.Equal("complex", reader.Index.Source["input"]);
        Assert.Equal("CFloat32", reader.Index.Source["post_data_type"]);
        Assert.StartsWith("complex field, 12-tap band-limited kernel, then native |z| detection", reader.Index.Source["warp"]);
        Assert.Contains("POST warp: complex field", first.Stdout);

        // PRE patches are the raster's own amplitude |z| (detected in float: equal to a rounding); POST differs; labels
        // follow the requested max |d|.
        using var source = GdalAmplitudeSource.Open(pre);
        for (int i = 0; i < reader.Count; i++)
        {
            var sample = reader.Read(i);
            Assert.Equal("complex", sample.Parameters["input"]);
            Assert.Equal(reader.Index.Source["warp"], sample.Parameters["post_warp"]);
            int x0 = int.Parse(sample.Parameters["patch_x"], CultureInfo.InvariantCulture), y0 = int.Parse(sample.Parameters["patch_y"], CultureInfo.InvariantCulture);
            var amplitude = source.ReadImage(new PixelRect(x0, y0, 64, 64)).Pixels;
            for (int k = 0; k < amplitude.Length; k++)
                Assert.True(Math.Abs(sample.Pre[k] - amplitude[k]) <= 2e-7 * amplitude[k], $"sample {i} PRE {k}: {sample.Pre[k]} vs |z| {amplitude[k]}");
            Assert.NotEqual(sample.Pre, sample.Post);
            Assert.All(sample.Post, v => Assert.True(float.IsFinite(v) && v >= 0));
            float max = sample.Dx.Concat(sample.Dy).Max(Math.Abs);
            if (sample.Parameters["zero_deformation"] == "true") Assert.Equal(0, max);
            else Assert.Equal(1.0, max, 5);
        }
    }

    [Fact]
    public void Dataset_FromARealUavsarPair_WarpAmplitude_KeepsTheAmplitudePath_WithTheSamePatches()
    {
        string pre = $"HDF5:\"{SharedData.File("uavsar-slc-sanand-129.h5")}\"://science/LSAR/SLC/swaths/frequencyA/HH";
        string post = $"HDF5:\"{SharedData.File("uavsar-slc-sanand-138.h5")}\"://science/LSAR/SLC/swaths/frequencyA/HH";
        string[] args = ["--count", "3", "--size", "64", "--seed", "3", "--threads", "1", "--source", $"pairs:{pre},{post}"];
        var complex = CliProcess.Run(["synth", "dataset", "--out", _dir.File("c"), .. args]);
        Assert.True(complex.ExitCode == 0, complex.All);
        var amplitude = CliProcess.Run(["synth", "dataset", "--out", _dir.File("a"), "--warp", "amplitude", .. args]);
        Assert.True(amplitude.ExitCode == 0, amplitude.All);

        using var c = SampleDatasetReader.Open(_dir.File("c"));
        using var a = SampleDatasetReader.Open(_dir.File("a"));
        Assert.Equal("complex", c.Index.Source["input"]);
        Assert.Equal("amplitude", a.Index.Source["input"]);
        Assert.StartsWith("detected amplitude", a.Index.Source["warp"]);
        using var source = GdalAmplitudeSource.Open(pre);
        for (int i = 0; i < a.Count; i++)
        {
            var (sc, sa) = (c.Read(i), a.Read(i));
            // Native detection needs no margin, so both paths draw the same patch and displacement for a seed.
            Assert.Equal((sc.Parameters["patch_x"], sc.Parameters["patch_y"]), (sa.Parameters["patch_x"], sa.Parameters["patch_y"]));
            Assert.Equal(sc.Dx, sa.Dx);
            Assert.Equal(sc.Dy, sa.Dy);
            int x0 = int.Parse(sa.Parameters["patch_x"], CultureInfo.InvariantCulture), y0 = int.Parse(sa.Parameters["patch_y"], CultureInfo.InvariantCulture);
            Assert.Equal(source.ReadImage(new PixelRect(x0, y0, 64, 64)).Pixels, sa.Pre);
            Assert.Equal("amplitude", sa.Parameters["input"]);
            // The two warps of the same POST differ, but only by interpolation error: strongly correlated.
            Assert.NotEqual(sc.Post, sa.Post);
            Assert.True(Correlation(sc.Post, sa.Post) > 0.9, $"sample {i}: correlation {Correlation(sc.Post, sa.Post)}");
        }
    }

    [Fact]
    public void Dataset_WarpComplex_OnARealValuedRaster_IsAClearErrorNamingTheFile()
    {
        string tif = SharedData.File("s1-grd-vv-db-bigearthnet.tif");
        var result = CliProcess.Run("synth", "dataset", "--out", _dir.File("x"), "--count", "1", "--size", "32", "--threads", "1",
            "--source", $"pairs:{tif},{tif}", "--warp", "complex");
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.All}");
        Assert.StartsWith("error: ", result.Stderr);
        Assert.Contains(tif, result.Stderr);
        Assert.Contains("real samples (Float32)", result.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));

        var simulator = CliProcess.Run("synth", "dataset", "--out", _dir.File("y"), "--count", "1", "--size", "32", "--threads", "1", "--warp", "amplitude");
        Assert.True(simulator.ExitCode == 2, $"exit {simulator.ExitCode}: {simulator.All}");
        Assert.Contains("--warp", simulator.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    private static double Correlation(float[] a, float[] b)
    {
        double ma = a.Average(), mb = b.Average(), ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.Sqrt(aa * bb);
    }

    [Theory]
    [InlineData("--count", "0", "--count must be at least 1")]
    [InlineData("--size", "16", "--size must be at least 32")]
    [InlineData("--source", "pairs:only-one.tif", "two rasters")]
    [InlineData("--max-displacement", "-1", "--max-displacement")]
    public void Dataset_BadArguments_ExitWithCode2AndAClearMessage(string option, string value, string message)
    {
        string[] args = ["synth", "dataset", "--out", _dir.File("bad"), "--count", "2", "--size", "48", "--threads", "1"];
        int at = Array.IndexOf(args, option);
        if (at >= 0) args[at + 1] = value;
        else args = [.. args, option, value];
        var result = CliProcess.Run(args);
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.All}");
        Assert.StartsWith("error: ", result.Stderr);
        Assert.Contains(message, result.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Theory]
    [InlineData("dataset")]
    [InlineData("scene")]
    public void ExistingOutput_IsRefused_AndLeftAlone(string command)
    {
        string output = _dir.File("taken");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "precious.txt"), "user data");
        string[] args = command == "dataset"
            ? ["synth", "dataset", "--out", output, "--count", "1", "--size", "32", "--threads", "1"]
            : ["synth", "scene", "--out", output, "--size", "64", "--threads", "1"];
        var result = CliProcess.Run(args);
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.All}");
        Assert.Contains("exists and is not empty", result.Stderr);
        Assert.Equal(["precious.txt"], Directory.GetFiles(output).Select(f => Path.GetFileName(f)!).ToArray());
        Assert.Equal(["taken"], Directory.GetFileSystemEntries(_dir.Path).Select(f => Path.GetFileName(f)!).ToArray());
    }

    [Fact]
    public void Scene_TooSmall_IsRefused()
    {
        var result = CliProcess.Run("synth", "scene", "--out", _dir.File("s"), "--size", "100", "20", "--threads", "1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--size (width) must be at least 32", result.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void Scene_IntoAnEmptyExistingFolder_Works()
    {
        string output = _dir.File("empty");
        Directory.CreateDirectory(output);
        var result = CliProcess.Run("synth", "scene", "--out", output, "--size", "48", "--seed", "4", "--rupture", "buried", "--threads", "1");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(48, RasterInfo.Read(Path.Combine(output, "truth.tif")).Width);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "scene.json")));
        Assert.Equal("false", json.RootElement.GetProperty("parameters").GetProperty("fault_surface_rupture").GetString());
    }
}
