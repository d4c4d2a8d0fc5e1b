using System.Text.Json;
using GeoFlowNetSar.Cli.Tests.Support;

namespace GeoFlowNetSar.Cli.Tests;

/// <summary>
/// `evaluate --swath` on a 300×700 stand-in for the paper's 9514×24418 swath (hidden --swath-size): the Table II swath
/// rows exist with real times, memory and errors, and a method predicted over --swath-budget is skipped with its reason.
/// </summary>
public class EvaluateSwathTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void SwathRowsHaveTimesMemoryAndErrors()
    {
        string output = _dir.File("eval");
        var result = CliProcess.Run("evaluate", "--out", output, "--scenes", "1", "--size", "128", "--no-controls", "--methods", "spatial,frequency",
            "--settings", "paper,spatial=64/32,frequency=64/32", "--threads", "1", "--swath", "--swath-size", "300x700", "--swath-budget", "60");
        Assert.True(result.ExitCode == 0, result.All);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        var swath = json.RootElement.GetProperty("table2_swath");
        Assert.Equal((300, 700), (swath.GetProperty("width").GetInt32(), swath.GetProperty("height").GetInt32()));
        var runs = swath.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(["spatial", "frequency"], runs.Select(r => r.GetProperty("method").GetString()!));
        var table2 = json.RootElement.GetProperty("table2").EnumerateArray().ToDictionary(r => r.GetProperty("method").GetString()!);
        foreach (var run in runs)
        {
            string method = run.GetProperty("method").GetString()!;
            Assert.Equal("ran", run.GetProperty("status").GetString());
            Assert.Equal("64/32", run.GetProperty("setting").GetString());
            double wall = run.GetProperty("wall_seconds").GetDouble(), pipeline = run.GetProperty("pipeline_seconds").GetDouble();
            Assert.True(pipeline > 0 && wall >= pipeline, $"{method}: wall {wall} s, pipeline {pipeline} s");
            // The prediction is the 128² scene's s/Mpx × the swath's 0.21 Mpx.
            double perMegapixel = table2[method].GetProperty("median_seconds_per_megapixel").GetDouble();
            Assert.Equal(perMegapixel * 0.21, run.GetProperty("predicted_seconds").GetDouble(), 1e-9);
            Assert.True(run.GetProperty("peak_rss_bytes").GetDouble() > 50e6, $"{method}: peak RSS {run.GetProperty("peak_rss_bytes")}");
            // A 1-px earthquake on 0.21 Mpx: both correlators far better than "no motion" (MAE = mean |d|, ~0.3 px), all pixels covered.
            double maeDx = run.GetProperty("mae_dx").GetDouble(), maeDy = run.GetProperty("mae_dy").GetDouble();
            Assert.True(maeDx is > 0 and < 0.25 && maeDy is > 0 and < 0.25, $"{method}: MAE {maeDx} / {maeDy}");
            Assert.True(run.GetProperty("coverage").GetDouble() > 0.99, $"{method}: coverage {run.GetProperty("coverage")}");
        }
        string report = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("### Table II — swath 300×700 (width × height, 0.2 Mpx)", report);
        Assert.Matches(@"\n\| spatial \| 64/32 \| \d+ \| \d+\.\d \| \d+\.\d \| \d+ \| 0\.\d{4} \| 0\.\d{4} \| \d+\.\d % \| 1286\.58 \| 16-core CPU \| ran \|", report);
        // The swath rasters are removed once scored; the report's folder keeps only what it shows.
        Assert.False(Directory.Exists(Path.Combine(output, "swath", "scene")));
        Assert.Empty(Directory.GetFiles(Path.Combine(output, "swath")));
    }

    [Fact]
    public void AMethodPredictedOverTheBudgetIsSkippedWithItsReason()
    {
        string output = _dir.File("eval");
        // 0.0001 min = 6 ms: no method does 0.21 Mpx that fast, so each one is skipped and says why.
        var result = CliProcess.Run("evaluate", "--out", output, "--scenes", "1", "--size", "128", "--no-controls", "--methods", "spatial",
            "--settings", "paper,spatial=64/32", "--threads", "1", "--swath", "--swath-size", "300x700", "--swath-budget", "0.0001");
        Assert.True(result.ExitCode == 0, result.All);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        var run = Assert.Single(json.RootElement.GetProperty("table2_swath").GetProperty("runs").EnumerateArray());
        Assert.Matches(@"^skipped: predicted \d+(\.\d)? (s|min) > --swath-budget 0\.0001 min$", run.GetProperty("status").GetString());
        Assert.True(run.GetProperty("predicted_seconds").GetDouble() > 0.006);
        Assert.Equal(JsonValueKind.Null, run.GetProperty("wall_seconds").ValueKind);
        string report = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Matches(@"\n\| spatial \| 64/32 \| \d+ \| n/a \| n/a \| – \| n/a \| n/a \| n/a \| 1286\.58 \| 16-core CPU \| skipped: predicted \d+(\.\d)? (s|min) > --swath-budget 0\.0001 min \|", report);
    }

    [Theory]
    [InlineData("--swath-size", "300", "--swath-size")]
    [InlineData("--swath-budget", "0", "--swath-budget")]
    public void BadSwathOptionsStopBeforeAnythingIsWritten(string option, string value, string expected)
    {
        string output = _dir.File("eval");
        var result = CliProcess.Run("evaluate", "--out", output, "--scenes", "1", "--size", "128", "--methods", "spatial", "--swath", option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.False(Directory.Exists(output));
    }
}
