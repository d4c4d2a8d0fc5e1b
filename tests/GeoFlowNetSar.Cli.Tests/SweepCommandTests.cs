using System.Globalization;
using System.Text.RegularExpressions;
using GeoFlowNetSar.Cli.Settings;
using GeoFlowNetSar.Cli.Tests.Support;

namespace GeoFlowNetSar.Cli.Tests;

/// <summary>`geoflownet sweep`: a small spatial grid on one validation scene, run as the real CLI.</summary>
public class SweepCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void SpatialGridWritesEveryRowAndNamesTheBest()
    {
        string output = _dir.File("sweep"), bestFile = _dir.File("best-settings.json");
        // The shared best-settings file already holds another method's entry: the sweep replaces only its own.
        var other = new BestSetting("ampcor", 64, 16, 0.06, 0.04, 0.2, 0.95, 15,
            new SweepProvenance("geoflownet sweep --method ampcor", DateTime.UtcNow, 2, 512, [1, 2], "rule", []));
        BestSettingsFile.Write(bestFile, [other]);
        var result = CliProcess.Run("sweep", "--method", "spatial", "--windows", "32,64", "--steps", "16,32",
            "--scenes", "1", "--size", "128", "--threads", "1", "--out", output, "--best-file", bestFile);
        Assert.True(result.ExitCode == 0, result.All);

        var lines = File.ReadAllLines(Path.Combine(output, "sweep-spatial.csv"));
        var header = lines[0].Split(',');
        int window = Array.IndexOf(header, "window"), step = Array.IndexOf(header, "step");
        int dx = Array.IndexOf(header, "mae_dx_px"), dy = Array.IndexOf(header, "mae_dy_px");
        int seconds = Array.IndexOf(header, "seconds_per_megapixel"), coverage = Array.IndexOf(header, "coverage");
        Assert.True(window >= 0 && step >= 0 && dx >= 0 && dy >= 0 && seconds >= 0 && coverage >= 0, lines[0]);
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Select(f => (
            Window: int.Parse(f[window], CultureInfo.InvariantCulture),
            Step: int.Parse(f[step], CultureInfo.InvariantCulture),
            Mean: 0.5 * (double.Parse(f[dx], CultureInfo.InvariantCulture) + double.Parse(f[dy], CultureInfo.InvariantCulture)),
            Seconds: double.Parse(f[seconds], CultureInfo.InvariantCulture),
            Coverage: double.Parse(f[coverage], CultureInfo.InvariantCulture))).ToArray();
        Assert.Equal(4, rows.Length);
        Assert.All(rows, r => Assert.True(double.IsFinite(r.Mean) && r.Mean >= 0, $"{r.Window}/{r.Step}: MAE {r.Mean}"));
        Assert.Equal(
            new[] { (32, 16), (32, 32), (64, 16), (64, 32) }.Order(),
            rows.Select(r => (r.Window, r.Step)).Order());

        string markdown = File.ReadAllText(Path.Combine(output, "sweep-spatial.md"));
        var best = Regex.Match(markdown, @"\*\*Best setting:\*\* window (\d+), step (\d+)");
        Assert.True(best.Success, markdown);
        var (bestWindow, bestStep) = (int.Parse(best.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(best.Groups[2].Value, CultureInfo.InvariantCulture));
        var chosen = Assert.Single(rows, r => r.Window == bestWindow && r.Step == bestStep);
        // The rule: the cheapest of the settings within 0.001 px of the lowest mean MAE (all cover ≥ 90 % here).
        Assert.All(rows, r => Assert.True(r.Coverage >= 0.9, $"{r.Window}/{r.Step}: coverage {r.Coverage}"));
        double lowest = rows.Min(r => r.Mean);
        Assert.True(chosen.Mean <= lowest + 0.001, $"chosen {chosen.Mean}, lowest {lowest}");
        Assert.Equal(rows.Where(r => r.Mean <= lowest + 0.001).Min(r => r.Seconds), chosen.Seconds);
        Assert.Contains("| window | step |", markdown);

        // best-spatial.json (the sweep's own) and the merged file name the same setting, with the sweep's command and scenes.
        var own = BestSettingsFile.Read(Path.Combine(output, "best-spatial.json"));
        var merged = BestSettingsFile.Read(bestFile);
        Assert.Equal(["spatial"], own.Keys);
        Assert.Equal(["ampcor", "spatial"], merged.Keys.Order());
        Assert.Equal((64, 16, 0.06), (merged["ampcor"].Window, merged["ampcor"].Step, merged["ampcor"].MaeDx));
        foreach (var entry in new[] { own["spatial"], merged["spatial"] })
        {
            Assert.Equal((bestWindow, bestStep), (entry.Window, entry.Step));
            Assert.Equal(chosen.Mean, entry.MeanMae, 4);
            Assert.StartsWith("geoflownet sweep --method spatial --windows 32,64", entry.Sweep.Command);
            Assert.Equal((1, 128, 1), (entry.Sweep.Scenes, entry.Sweep.Size, entry.Sweep.Seeds.Count));
        }
    }

    [Fact]
    public void BadWindowsValueIsRejected()
    {
        string output = _dir.File("bad");
        var result = CliProcess.Run("sweep", "--method", "spatial", "--windows", "32,abc", "--steps", "16",
            "--scenes", "1", "--size", "128", "--threads", "1", "--out", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--windows", result.Stderr);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void NonEmptyOutputFolderIsRejected()
    {
        File.WriteAllText(_dir.File("keep.txt"), "x");
        var result = CliProcess.Run("sweep", "--method", "spatial", "--windows", "32", "--steps", "32",
            "--scenes", "1", "--size", "128", "--threads", "1", "--out", _dir.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not empty", result.Stderr);
    }

    [Fact]
    public void OverBudgetSettingsAreSkippedNotRun()
    {
        string output = _dir.File("budget");
        var result = CliProcess.Run("sweep", "--method", "spatial", "--windows", "32,256", "--steps", "1,32",
            "--scenes", "1", "--size", "128", "--threads", "1", "--max-windows", "100", "--out", output);
        Assert.True(result.ExitCode == 0, result.All);
        string csv = File.ReadAllText(Path.Combine(output, "sweep-spatial.csv"));
        Assert.Contains("spatial,32,1,skipped (9409 windows)", csv);
        Assert.Contains("spatial,32,32,ok", csv);
        Assert.Contains("spatial,256,1,skipped (window > 128 px scene)", csv);
    }

    [Fact]
    public void SettingsPredictedOverTheTimeBudgetAreSkippedWithTheirPrediction()
    {
        // Frequency 64 px, upsampled DFT, on a 192² scene: step 1 has 129² = 16641 windows (≈ 3 s at ≈ 0.2 ms per window;
        // over 0.5 s unless a window takes under 0.03 ms), step 64 has 9 (under 0.5 s unless a window takes over 55 ms).
        string output = _dir.File("time-budget");
        var result = CliProcess.Run("sweep", "--method", "frequency", "--windows", "64", "--steps", "1,64",
            "--scenes", "1", "--size", "192", "--threads", "1", "--budget", "0.5", "--subpixel", "upsampled-dft", "--out", output);
        Assert.True(result.ExitCode == 0, result.All);
        string csv = File.ReadAllText(Path.Combine(output, "sweep-frequency.csv"));
        Assert.Matches(@"frequency,64,1,skipped \(predicted \d+(\.\d+)? s > budget 0\.5 s\),16641,", csv);
        Assert.Contains("frequency,64,64,ok,9,", csv);
        Assert.Contains("sub-pixel UpsampledDft", File.ReadAllText(Path.Combine(output, "sweep-frequency.md")));
    }

    [Fact]
    public void NegativeBudgetAndInapplicableTuningAreRejected()
    {
        var budget = CliProcess.Run("sweep", "--method", "spatial", "--windows", "32", "--steps", "32",
            "--scenes", "1", "--size", "128", "--threads", "1", "--budget", "-1", "--out", _dir.File("neg"));
        Assert.Equal(2, budget.ExitCode);
        Assert.Contains("--budget", budget.Stderr);
        var snr = CliProcess.Run("sweep", "--method", "spatial", "--windows", "32", "--steps", "32",
            "--scenes", "1", "--size", "128", "--threads", "1", "--min-snr", "4", "--out", _dir.File("snr"));
        Assert.Equal(2, snr.ExitCode);
        Assert.Contains("--min-snr (ampcor only)", snr.Stderr);
        Assert.False(Directory.Exists(_dir.File("neg")) || Directory.Exists(_dir.File("snr")));
    }

    [Fact]
    public void TheBestSettingMustCoverMostOfTheScene()
    {
        // A strict quality mask can keep only the easy windows: 3 % coverage with a tiny MAE must not win.
        var masked = new GeoFlowNetSar.Cli.Sweep.SweepRow(128, 16, 625, null, 0.033, 0.007, double.NaN, 0.033, 96);
        var full = new GeoFlowNetSar.Cli.Sweep.SweepRow(64, 16, 841, null, 0.061, 0.025, 0.28, 0.995, 15);
        var slowerTwin = full with { Window = 64, Step = 8, SecondsPerMegapixel = 60 };
        GeoFlowNetSar.Cli.Sweep.SweepRow[] rows = [masked, slowerTwin, full];
        Assert.Same(full, GeoFlowNetSar.Cli.Sweep.SweepGrid.Best(rows));
        Assert.Same(masked, GeoFlowNetSar.Cli.Sweep.SweepGrid.Best(rows, minCoverage: 0));
        Assert.Null(GeoFlowNetSar.Cli.Sweep.SweepGrid.Best(rows, minCoverage: 1));
        Assert.Contains("none (no setting ran with at least 100 % coverage)", GeoFlowNetSar.Cli.Sweep.SweepReportWriter.BestLine(null, 1));
    }
}
