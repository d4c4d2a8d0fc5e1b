using GeoFlowNetSar.Cli.Evaluation;
using GeoFlowNetSar.Cli.Settings;
using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Cli.Tests.Support;
using GeoFlowNetSar.Estimators;

namespace GeoFlowNetSar.Cli.Tests;

/// <summary>
/// Which window/step `evaluate` runs each method at: the best sweep settings built in (the committed
/// docs/sweeps/best-settings.json), the paper's with `--settings paper`, a `--best-settings` file, and an explicit
/// METHOD=W/S that wins over both — each with the source the report prints.
/// </summary>
public class EvaluateSettingsTests : IDisposable
{
    private static readonly string[] Correlators = ["frequency", "spatial", "ampcor"];

    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TheBuiltInBestSettingsAreTheCommittedSweepFile()
    {
        var embedded = BestSettingsFile.Embedded();
        var committed = BestSettingsFile.Read(CommittedFile());
        Assert.Equal(committed.Keys.Order(), embedded.Keys.Order());
        foreach (var method in Correlators.Append("unet"))
        {
            Assert.True(committed.ContainsKey(method), $"{method}: no entry in {BestSettingsFile.RepositoryPath}");
            var (a, b) = (committed[method], embedded[method]);
            Assert.Equal((a.Window, a.Step, a.MeanMae, a.Sweep.Command), (b.Window, b.Step, b.MeanMae, b.Sweep.Command));
            // A real sweep wrote it: its command, scenes, a finite MAE and the coverage its rule asked for (at least 80 %).
            Assert.StartsWith($"geoflownet sweep --method {method} ", a.Sweep.Command);
            Assert.Equal(a.Sweep.Scenes, a.Sweep.Seeds.Count);
            var floor = System.Text.RegularExpressions.Regex.Match(a.Sweep.Rule, @"at least (\d+(\.\d+)?) % coverage");
            Assert.True(floor.Success, a.Sweep.Rule);
            double minCoverage = double.Parse(floor.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) / 100;
            Assert.True(minCoverage >= 0.8 && a.Coverage >= minCoverage, $"{method}: coverage {a.Coverage}, rule {a.Sweep.Rule}");
            Assert.True(a.MeanMae is > 0 and < 0.2, $"{method}: mean MAE {a.MeanMae}");
        }
    }

    [Fact]
    public void DefaultIsTheBestSweepSettingAndPaperSwitchesBack()
    {
        var best = BestSettingsFile.Embedded();
        var (_, byDefault) = EvaluationMethods.Resolve("frequency,spatial,ampcor", null, modelPath: null);
        foreach (var m in byDefault)
        {
            Assert.Equal((best[m.Name].Window, best[m.Name].Step), (m.Window, m.Step));
            Assert.Equal("best", m.Origin.Kind);
            Assert.Contains($"mean MAE {best[m.Name].MeanMae:F4} px", m.Origin.Text);
        }

        var (_, paper) = EvaluationMethods.Resolve("frequency,spatial,ampcor", "paper", modelPath: null);
        foreach (var m in paper)
        {
            var entry = EstimatorCatalog.Default.Get(m.Name);
            Assert.Equal((entry.DefaultWindow, entry.DefaultStep), (m.Window, m.Step));
            Assert.Equal(PaperFigures.For(m.Name)!.Setting, m.Setting);
            Assert.Equal("paper", m.Origin.Kind);
        }
    }

    [Fact]
    public void AnExplicitSettingWinsOverBestAndPaper()
    {
        var best = BestSettingsFile.Embedded();
        var (_, overBest) = EvaluationMethods.Resolve("frequency,spatial", "frequency=48/12", modelPath: null);
        Assert.Equal((48, 12, "override"), (overBest[0].Window, overBest[0].Step, overBest[0].Origin.Kind));
        Assert.Equal((best["spatial"].Window, best["spatial"].Step, "best"), (overBest[1].Window, overBest[1].Step, overBest[1].Origin.Kind));

        var (_, overPaper) = EvaluationMethods.Resolve("frequency,spatial", "paper,spatial=40/10", modelPath: null);
        Assert.Equal((128, 2, "paper"), (overPaper[0].Window, overPaper[0].Step, overPaper[0].Origin.Kind));
        Assert.Equal((40, 10, "override"), (overPaper[1].Window, overPaper[1].Step, overPaper[1].Origin.Kind));

        Assert.Contains("not both", Assert.Throws<CliInputException>(() => EvaluationMethods.Resolve("spatial", "paper,best", null)).Message);
    }

    [Fact]
    public void ABestSettingsFileReplacesTheBuiltInOneAndMissingMethodsFallBackToThePaper()
    {
        string file = _dir.File("best.json");
        var sweep = new SweepProvenance("geoflownet sweep --method spatial --size 128", new DateTime(2026, 11, 24, 3, 0, 0, DateTimeKind.Utc), 1, 128,
            [4611686019327387904], "test rule", ["32/1: skipped"]);
        BestSettingsFile.Write(file, [new BestSetting("spatial", 32, 8, 0.05, 0.03, 0.2, 1, 12.5, sweep)]);
        var (_, methods) = EvaluationMethods.Resolve("spatial,ampcor", null, modelPath: null, bestSettingsPath: file);
        Assert.Equal((32, 8, "best"), (methods[0].Window, methods[0].Step, methods[0].Origin.Kind));
        Assert.Contains($"{file}: `geoflownet sweep --method spatial --size 128`, 2026-11-24, 1 scene(s) 128², mean MAE 0.0400 px", methods[0].Origin.Text);
        Assert.Equal((64, 16, "paper"), (methods[1].Window, methods[1].Step, methods[1].Origin.Kind));
        Assert.Contains($"no sweep entry in {file}", methods[1].Origin.Text);

        File.WriteAllText(_dir.File("bad.json"), "{\"format\": \"something else\"}");
        Assert.Contains("bad.json", Assert.Throws<CliInputException>(() => EvaluationMethods.Resolve("spatial", null, null, _dir.File("bad.json"))).Message);
    }

    /// <summary>docs/sweeps/best-settings.json of the repository these tests were built from.</summary>
    private static string CommittedFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, BestSettingsFile.RepositoryPath);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{BestSettingsFile.RepositoryPath} not found above {AppContext.BaseDirectory}");
    }
}
