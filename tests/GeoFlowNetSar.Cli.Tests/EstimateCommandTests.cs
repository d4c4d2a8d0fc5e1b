using GeoFlowNetSar.Cli.Tests.Support;
using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Raster.Reading;

namespace GeoFlowNetSar.Cli.Tests;

public class EstimateCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void EstimatesAKnownShiftAndWritesTheConventionalBands()
    {
        string pre = _dir.File("pre.tif"), post = _dir.File("post.tif"), output = _dir.File("d.tif");
        TestRasters.Speckle(pre, 192, 160, seed: 4);
        TestRasters.Speckle(post, 192, 160, seed: 4, dx: 0.42, dy: -0.31);
        var result = CliProcess.Run("estimate", "--pre", pre, "--post", post, "--out", output,
            "--window", "64", "--step", "16", "--uncertainty", "--threads", "1");
        Assert.True(result.ExitCode == 0, result.All);

        var info = RasterInfo.Read(output);
        Assert.Equal(["dx", "dy", "sigma_dx", "sigma_dy"], info.Bands.Select(b => b.Description));
        Assert.Equal((192, 160), (info.Width, info.Height));
        Assert.True(Mae(output, 1, 0.42) < 0.02, $"dx MAE {Mae(output, 1, 0.42)}");
        Assert.True(Mae(output, 2, -0.31) < 0.02, $"dy MAE {Mae(output, 2, -0.31)}");
        Assert.Equal(["d.tif", "post.tif", "pre.tif"], _dir.Files().Order());
        var seconds = System.Text.RegularExpressions.Regex.Match(result.Stdout, @"time\s*│\s*([0-9.]+) s[\s\S]*of which estimating\s*│\s*([0-9.]+) s");
        Assert.True(seconds.Success, result.Stdout);
        Assert.InRange(double.Parse(seconds.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 0.001,
            double.Parse(seconds.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void MetresUseThePixelSpacingGivenOnTheCommandLine()
    {
        string pre = _dir.File("pre.tif"), post = _dir.File("post.tif"), px = _dir.File("px.tif"), m = _dir.File("m.tif");
        TestRasters.Speckle(pre, 128, 128, seed: 5);
        TestRasters.Speckle(post, 128, 128, seed: 5, dx: 0.5, dy: 0.25);
        string[] common = ["--pre", pre, "--post", post, "--window", "64", "--step", "32", "--threads", "1"];
        Assert.Equal(0, CliProcess.Run(["estimate", .. common, "--out", px]).ExitCode);
        var noSpacing = CliProcess.Run(["estimate", .. common, "--out", m, "--units", "m"]);
        Assert.Equal(2, noSpacing.ExitCode);
        Assert.Contains("--range-spacing", noSpacing.Stderr);
        Assert.Equal(0, CliProcess.Run(["estimate", .. common, "--out", m, "--units", "m", "--range-spacing", "2.3", "--azimuth-spacing", "13.9"]).ExitCode);
        var a = Read(px, 1); var b = Read(m, 1);
        Assert.Equal(a[5000] * 2.3, b[5000], 4);
        Assert.Equal(Read(px, 2)[5000] * 13.9, Read(m, 2)[5000], 3);
    }

    [Fact]
    public void InputFullOfNaNGivesNaNAndAWarning()
    {
        string pre = _dir.File("nan.tif"), output = _dir.File("d.tif");
        TestRasters.Filled(pre, 128, 128, float.NaN);
        var result = CliProcess.Run("estimate", "--pre", pre, "--post", pre, "--out", output, "--window", "64", "--step", "32", "--threads", "1");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("warning", result.All);
        Assert.Equal(0.0, DisplacementMetrics.Coverage(Read(output, 1)));
    }

    [Fact]
    public void ConstantRealSafeMeasurementGivesNaNAndANoTextureWarning()
    {
        // A window of the real (all-zero) Sentinel-1 IW SLC measurement: CInt16 samples read as |z| = 0.
        string crop = _dir.File("safe-crop.vrt"), output = _dir.File("d.tif");
        TestRasters.Crop(crop, SharedData.SafeMeasurement, 10_000, 5_000, 256, 256, "CInt16");
        var result = CliProcess.Run("estimate", "--pre", crop, "--post", crop, "--out", output, "--window", "64", "--step", "32", "--threads", "1");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("no texture", result.All);
        Assert.Equal(0.0, DisplacementMetrics.Coverage(Read(output, 1)));
    }

    [Fact]
    public void HelpIsAvailableEverywhere()
    {
        foreach (var args in new[] { new[] { "--help" }, ["estimate", "--help"], ["demo", "--help"] })
        {
            var result = CliProcess.Run(args);
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("Usage", result.Stdout);
        }
    }

    [Fact]
    public void DemoSimulatesAnEarthquakeAndScoresEveryMethodAgainstTheTruth()
    {
        string folder = Path.Combine(_dir.Path, "demo");
        var result = CliProcess.Run("demo", "--out", folder, "--size", "256", "--methods", "unet,spatial", "--threads", "1");
        Assert.True(result.ExitCode == 0, result.All);
        foreach (var method in new[] { "unet", "spatial" })
        {
            var line = result.Stdout.Split('\n').Single(l => l.StartsWith(method + ": MAE dx"));
            var numbers = line.Split(' ', ',').Where(t => double.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out _))
                .Select(t => double.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(3, numbers.Length);
            // A 1-px earthquake: the correlators must do much better than "no motion" (MAE ≈ mean |d|) away from the fault.
            Assert.True(numbers[0] < 0.15 && numbers[1] < 0.15, line);
            Assert.True(File.Exists(Path.Combine(folder, $"displacement-{method}.tif")));
            // Made as `geoflownet run` makes it: the stitcher's quick-look and report beside the mosaic.
            Assert.True(File.Exists(Path.Combine(folder, $"displacement-{method}.quicklook.png")));
            using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, $"displacement-{method}.report.json")));
            Assert.Equal(method, report.RootElement.GetProperty("method").GetString());
        }
        Assert.True(File.Exists(Path.Combine(folder, "scene", "quicklook.png")));
        var again = CliProcess.Run("demo", "--out", folder, "--size", "256", "--methods", "frequency");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("not empty", again.Stderr);
    }

    private static double Mae(string path, int band, double truth)
    {
        var values = Read(path, band);
        return DisplacementMetrics.MeanAbsoluteError(values, Enumerable.Repeat((float)truth, values.Length).ToArray()).Mae;
    }

    private static float[] Read(string path, int band)
    {
        using var source = GdalAmplitudeSource.Open(path, new AmplitudeReadOptions { Band = band });
        return source.ReadImage().Pixels;
    }
}
