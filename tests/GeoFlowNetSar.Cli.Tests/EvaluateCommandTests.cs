using System.Buffers.Binary;
using System.Text.Json;
using GeoFlowNetSar.Cli.Settings;
using GeoFlowNetSar.Cli.Tests.Support;
using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Model.Network;
using GeoFlowNetSar.Model.Weights;
using GeoFlowNetSar.Raster.Reading;

namespace GeoFlowNetSar.Cli.Tests;

/// <summary>
/// `geoflownet evaluate` on tiny sets, run as the real CLI: every number in results.json is recomputed here from the
/// displacement and truth GeoTIFFs it names, the tables name every method, the PNGs are real PNGs of the expected
/// layout, and bad inputs stop before anything is written.
/// </summary>
public class EvaluateCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TinySyntheticSetReportsWhatTheWrittenRastersGive()
    {
        string weights = _dir.File("tiny.gfnw"), output = _dir.File("eval");
        TorchSharp.torch.manual_seed(7);
        using (var model = new GeoFlowNetUNet(new UNetArchitecture(0.25)))
            ModelWeights.Save(model, weights, new Dictionary<string, string> { ["step"] = "0", ["kind"] = "random" });
        var result = CliProcess.Run("evaluate", "--out", output, "--scenes", "2", "--size", "128", "--model", weights,
            "--settings", "paper,frequency=64/8,unet=64/32", "--threads", "1");
        Assert.True(result.ExitCode == 0, result.All);

        string[] methods = ["unet", "frequency", "spatial", "ampcor"];
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        var root = json.RootElement;
        Assert.Equal(methods, root.GetProperty("methods").EnumerateArray().Select(m => m.GetProperty("name").GetString()!));
        Assert.All(root.GetProperty("methods").EnumerateArray(), m => Assert.True(m.GetProperty("available").GetBoolean()));
        var scenes = root.GetProperty("scenes").EnumerateArray().ToList();
        Assert.Equal(["scene-1", "scene-2", "control-2x", "still"], scenes.Select(s => s.GetProperty("name").GetString()));

        // Per scene and method: MAE dx, dy, near- and far-field MAE, coverage and false motion from the GeoTIFFs.
        var pooled = methods.ToDictionary(m => m, _ => new double[6]);   // Σ|e dx|, n dx, Σ|e dy|, n dy, Σ near, n near
        var falseMotion = new Dictionary<string, double>();
        foreach (var scene in scenes)
        {
            string role = scene.GetProperty("role").GetString()!;
            var (truthDx, truthDy) = Read(Path.Combine(output, scene.GetProperty("truth").GetString()!));
            var near = FaultProximity.NearRupture(truthDx, truthDy, 128, 128);
            Assert.Equal(role != "still", near.Contains(true));
            var runs = scene.GetProperty("runs").EnumerateArray().ToList();
            Assert.Equal(methods, runs.Select(r => r.GetProperty("method").GetString()!));
            foreach (var run in runs)
            {
                string method = run.GetProperty("method").GetString()!;
                var (dx, dy) = Read(Path.Combine(output, run.GetProperty("raster").GetString()!));
                var ex = Errors(dx, truthDx, _ => true);
                var ey = Errors(dy, truthDy, _ => true);
                var nearX = Errors(dx, truthDx, i => near[i]);
                var nearY = Errors(dy, truthDy, i => near[i]);
                var farX = Errors(dx, truthDx, i => !near[i]);
                var farY = Errors(dy, truthDy, i => !near[i]);
                AssertClose(ex.Sum / ex.Count, run.GetProperty("mae_dx"), $"{method} MAE dx");
                AssertClose(ey.Sum / ey.Count, run.GetProperty("mae_dy"), $"{method} MAE dy");
                AssertClose((farX.Sum + farY.Sum) / (farX.Count + farY.Count), run.GetProperty("far_field_mae"), $"{method} far-field");
                if (role == "still")
                {
                    Assert.Equal(JsonValueKind.Null, run.GetProperty("near_fault_mae").ValueKind);
                    double magnitude = 0;
                    int count = 0;
                    for (int i = 0; i < dx.Length; i++)
                        if (float.IsFinite(dx[i]) && float.IsFinite(dy[i])) { magnitude += Math.Sqrt(dx[i] * (double)dx[i] + dy[i] * (double)dy[i]); count++; }
                    falseMotion[method] = magnitude / count;
                    AssertClose(falseMotion[method], run.GetProperty("false_motion"), $"{method} false motion");
                }
                else
                {
                    AssertClose((nearX.Sum + nearY.Sum) / (nearX.Count + nearY.Count), run.GetProperty("near_fault_mae"), $"{method} near-fault");
                }
                int covered = Enumerable.Range(0, dx.Length).Count(i => float.IsFinite(dx[i]) && float.IsFinite(dy[i]));
                AssertClose(covered / (double)dx.Length, run.GetProperty("coverage"), $"{method} coverage");
                if (role == "scored")
                {
                    var p = pooled[method];
                    (p[0], p[1], p[2], p[3], p[4], p[5]) = (p[0] + ex.Sum, p[1] + ex.Count, p[2] + ey.Sum, p[3] + ey.Count,
                        p[4] + nearX.Sum + nearY.Sum, p[5] + nearX.Count + nearY.Count);
                }
            }
        }

        // Table I pools the two scored scenes' pixels and takes false motion from the still pair.
        var tableI = root.GetProperty("table1").EnumerateArray().ToList();
        Assert.Equal(methods, tableI.Select(r => r.GetProperty("method").GetString()!));
        foreach (var row in tableI)
        {
            string method = row.GetProperty("method").GetString()!;
            var p = pooled[method];
            AssertClose(p[0] / p[1], row.GetProperty("mae_dx"), $"Table I {method} dx");
            AssertClose(p[2] / p[3], row.GetProperty("mae_dy"), $"Table I {method} dy");
            AssertClose(p[4] / p[5], row.GetProperty("near_fault_mae"), $"Table I {method} near-fault");
            AssertClose(falseMotion[method], row.GetProperty("false_motion"), $"Table I {method} false motion");
        }
        // A 1-px earthquake: the correlators beat "no motion" (whose MAE is mean |d|) by a wide margin away from the edges.
        foreach (var method in new[] { "frequency", "spatial" })
            Assert.True(tableI.Single(r => r.GetProperty("method").GetString() == method).GetProperty("far_field_mae").GetDouble() < 0.2, method);
        Assert.Equal(methods, root.GetProperty("table2").EnumerateArray().Select(r => r.GetProperty("method").GetString()!));
        Assert.All(root.GetProperty("table2").EnumerateArray(), r => Assert.True(r.GetProperty("seconds_per_1024x1024").GetDouble() > 0));

        string report = File.ReadAllText(Path.Combine(output, "report.md"));
        foreach (var method in methods)
        {
            Assert.Contains($"\n| {method} | ", report[report.IndexOf("## Table I", StringComparison.Ordinal)..report.IndexOf("## Control", StringComparison.Ordinal)]);
            Assert.Contains($"\n| {method} | ", report[report.IndexOf("## Table II", StringComparison.Ordinal)..]);
        }
        Assert.Contains($"{tableI[1].GetProperty("mae_dx").GetDouble():F4}", report);
        Assert.Contains("![Fig. 5](fig5-maps.png)", report);
        Assert.Contains("![Fig. 6](fig6-profiles.png)", report);
        // Fig. 5: truth + 4 methods, dx and dy (2 panels of 360 × 320 per row); Fig. 6: 3 profiles × (dx, dy).
        Assert.Equal((720, 5 * 320), PngSize(Path.Combine(output, "fig5-maps.png")));
        Assert.Equal((720, 3 * 320), PngSize(Path.Combine(output, "fig6-profiles.png")));
        Assert.Empty(Directory.GetDirectories(_dir.Path, ".*"));
    }

    [Fact]
    public void UnavailableUNetIsListedWithTheReasonAndTheOthersRun()
    {
        string output = _dir.File("eval");
        var result = CliProcess.RunWith(new Dictionary<string, string> { ["GEOFLOWNET_MODEL"] = _dir.File("missing.gfnw") },
            "evaluate", "--out", output, "--scenes", "1", "--size", "128", "--no-controls", "--methods", "unet,spatial", "--threads", "1");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("unet: not evaluated", result.Stdout);
        string report = File.ReadAllText(Path.Combine(output, "report.md"));
        // No --settings: every method at its best sweep setting from the build's embedded docs/sweeps/best-settings.json.
        var best = BestSettingsFile.Embedded();
        Assert.Contains($"| unet (GeoFlowNet-SAR U-Net) | {best["unet"].Setting} | best sweep setting ({BestSettingsFile.RepositoryPath}: `geoflownet sweep --method unet ", report);
        Assert.Contains("**not available**: no U-Net weights at", report);
        Assert.Contains($"| spatial (", report);
        Assert.Contains($" | {best["spatial"].Setting} | best sweep setting ({BestSettingsFile.RepositoryPath}: `geoflownet sweep --method spatial ", report);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        var unet = json.RootElement.GetProperty("methods").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "unet");
        Assert.False(unet.GetProperty("available").GetBoolean());
        var spatial = json.RootElement.GetProperty("methods").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "spatial");
        Assert.Equal("best", spatial.GetProperty("setting_source").GetString());
        Assert.Equal(best["spatial"].Window, spatial.GetProperty("window").GetInt32());
        Assert.Equal(best["spatial"].Step, spatial.GetProperty("step").GetInt32());
        Assert.Equal(["spatial"], json.RootElement.GetProperty("table1").EnumerateArray().Select(r => r.GetProperty("method").GetString()!));
    }

    [Fact]
    public void PairWithoutTruthGetsMapsAndPairwiseDifferences()
    {
        string pre = _dir.File("pre.tif"), post = _dir.File("post.tif"), output = _dir.File("eval");
        TestRasters.Speckle(pre, 160, 128, seed: 3);
        TestRasters.Speckle(post, 160, 128, seed: 3, dx: 0.3, dy: -0.2);
        var result = CliProcess.Run("evaluate", "--out", output, "--pre", pre, "--post", post, "--methods", "spatial,frequency",
            "--settings", "paper,frequency=64/16", "--threads", "1");
        Assert.True(result.ExitCode == 0, result.All);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        var runs = json.RootElement.GetProperty("scenes")[0].GetProperty("runs").EnumerateArray().ToList();
        Assert.All(runs, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("mae_dx").ValueKind));
        var (spatialDx, spatialDy) = Read(Path.Combine(output, runs[0].GetProperty("raster").GetString()!));
        var (frequencyDx, frequencyDy) = Read(Path.Combine(output, runs[1].GetProperty("raster").GetString()!));
        var difference = Assert.Single(json.RootElement.GetProperty("pairwise_differences").EnumerateArray());
        var (sumDx, countDx) = Errors(spatialDx, frequencyDx, _ => true);
        var (sumDy, countDy) = Errors(spatialDy, frequencyDy, _ => true);
        AssertClose(sumDx / countDx, difference.GetProperty("mean_abs_diff_dx"), "dx difference");
        AssertClose(sumDy / countDy, difference.GetProperty("mean_abs_diff_dy"), "dy difference");
        // Both recover the constant shift to a few hundredths of a pixel, so they agree closely.
        Assert.True(difference.GetProperty("mean_abs_diff_dx").GetDouble() < 0.05, difference.ToString());
        Assert.Equal((720, 1 * 320), PngSize(Path.Combine(output, "differences.png")));
        Assert.Equal((720, 2 * 320), PngSize(Path.Combine(output, "fig5-maps.png")));
        Assert.Contains("## Pairwise differences", File.ReadAllText(Path.Combine(output, "report.md")));
    }

    [Theory]
    [InlineData("missing-pre")]
    [InlineData("post-size")]
    [InlineData("truth-size")]
    [InlineData("missing-scene")]
    [InlineData("bad-settings")]
    [InlineData("truth-alone")]
    public void BadInputStopsWithOneMessageAndWritesNothing(string problem)
    {
        string pre = _dir.File("pre.tif"), post = _dir.File("post.tif"), small = _dir.File("small.tif"), output = _dir.File("eval");
        TestRasters.Speckle(pre, 128, 128);
        TestRasters.Speckle(post, 128, 128, dx: 0.2);
        TestRasters.Speckle(small, 128, 100);
        string[] args = problem switch
        {
            "missing-pre" => ["--pre", _dir.File("nope.tif"), "--post", post],
            "post-size" => ["--pre", pre, "--post", small],
            "truth-size" => ["--pre", pre, "--post", post, "--truth", small],
            "missing-scene" => ["--scene", _dir.File("no-such-scene")],
            "bad-settings" => ["--scenes", "1", "--size", "128", "--settings", "spatial=64"],
            _ => ["--truth", pre],
        };
        string expected = problem switch
        {
            "missing-pre" => "nope.tif",
            "post-size" => "128x100",
            "truth-size" => "small.tif",
            "missing-scene" => "no-such-scene",
            "bad-settings" => "--settings",
            _ => "--truth",
        };
        var files = Directory.GetFileSystemEntries(_dir.Path).Order().ToArray();
        var result = CliProcess.Run(["evaluate", "--out", output, "--threads", "1", .. args]);
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(expected, line);
        Assert.Equal(files, Directory.GetFileSystemEntries(_dir.Path).Order().ToArray());
    }

    private static (float[] Dx, float[] Dy) Read(string path)
    {
        using var dx = GdalAmplitudeSource.Open(path, new AmplitudeReadOptions { Band = 1, NoDataAsNaN = true });
        using var dy = GdalAmplitudeSource.Open(path, new AmplitudeReadOptions { Band = 2, NoDataAsNaN = true });
        return (dx.ReadImage().Pixels, dy.ReadImage().Pixels);
    }

    /// <summary>Σ|a − b| and the count over pixels finite in both and selected.</summary>
    private static (double Sum, int Count) Errors(float[] a, float[] b, Func<int, bool> selected)
    {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (!float.IsFinite(a[i]) || !float.IsFinite(b[i]) || !selected(i)) continue;
            sum += Math.Abs(a[i] - b[i]);
            count++;
        }
        return (sum, count);
    }

    private static void AssertClose(double expected, JsonElement actual, string what)
    {
        Assert.True(actual.ValueKind == JsonValueKind.Number, $"{what}: {actual}");
        Assert.True(Math.Abs(expected - actual.GetDouble()) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"{what}: recomputed {expected}, results.json {actual}");
    }

    /// <summary>Width and height from a PNG's signature and IHDR chunk (throws if the file is not a PNG).</summary>
    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path}: {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
