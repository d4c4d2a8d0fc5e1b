using System.Text.Json;
using GeoFlowNetSar.Cli.Tests.Support;
using GeoFlowNetSar.Training.Logging;

namespace GeoFlowNetSar.Cli.Tests;

public class TrainCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TrainsFromASynthDatasetFolderAndWritesTheLogAndWeights()
    {
        string dataset = _dir.File("dataset"), run = _dir.File("run");
        var synth = CliProcess.Run("synth", "dataset", "--out", dataset, "--count", "8", "--size", "64", "--seed", "5", "--threads", "1");
        Assert.True(synth.ExitCode == 0, synth.All);
        var train = CliProcess.Run("train", "--out", run, "--source", $"dataset:{dataset}", "--seed", "5", "--steps", "2",
            "--width-multiplier", "0.25", "--batch", "2", "--micro-batch", "2", "--curriculum", "0:32", "--warmup-steps", "0",
            "--validation-samples", "2", "--validate-every", "1", "--threads", "1", "--device", "cpu");
        Assert.True(train.ExitCode == 0, train.All);
        var rows = File.ReadAllLines(Path.Combine(run, "training.csv"));
        Assert.Equal(3, rows.Length);
        Assert.True(File.Exists(Path.Combine(run, "best.gfnw")));
        Assert.Contains("stopped: completed after 2 steps", train.Stdout);
    }

    // Scene validation must measure what evaluate measures: the same scenes (same seed index), the same settings, the
    // same pooled errors — for the model it keeps (best-scenes.gfnw) and for the correlators it compares against.
    [Fact]
    public void SceneValidationScoresTheModelAsEvaluateDoes()
    {
        string run = _dir.File("scenes-run"), evaluation = _dir.File("scenes-eval");
        var train = CliProcess.Run("train", "--out", run, "--source", "plane-wave", "--seed", "5", "--steps", "1",
            "--width-multiplier", "0.25", "--batch", "2", "--micro-batch", "2", "--curriculum", "0:32", "--warmup-steps", "0",
            "--validation-samples", "1", "--threads", "1", "--device", "cpu",
            "--scene-validate-every", "1", "--scene-validation-scenes", "2", "--scene-validation-size", "256", "--scene-validation-seed", "970000000");
        Assert.True(train.ExitCode == 0, train.All);
        Assert.Contains("best on scenes: step 1", train.Stdout);
        string weights = Path.Combine(run, "best-scenes.gfnw");
        var evaluate = CliProcess.Run("evaluate", "--out", evaluation, "--scenes", "2", "--size", "256", "--seed", "970000000",
            "--no-controls", "--model", weights, "--threads", "1");
        Assert.True(evaluate.ExitCode == 0, evaluate.All);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(evaluation, "results.json")));
        var table = json.RootElement.GetProperty("table1").EnumerateArray()
            .ToDictionary(r => r.GetProperty("method").GetString()!, r => (Dx: r.GetProperty("mae_dx").GetDouble(), Dy: r.GetProperty("mae_dy").GetDouble()));
        double Logged(string column) => TrainingCsvLog.ReadColumn(Path.Combine(run, "training.csv"), column).Single().Value;
        Assert.Equal(table["unet"].Dx, Logged("scene_mae_dx"), 5);
        Assert.Equal(table["unet"].Dy, Logged("scene_mae_dy"), 5);
        var correlators = table.Where(t => t.Key != "unet").ToList();
        Assert.Equal(3, correlators.Count);
        double bestDx = correlators.Min(t => t.Value.Dx), bestDy = correlators.Min(t => t.Value.Dy);
        Assert.Equal(Math.Max(table["unet"].Dx / bestDx, table["unet"].Dy / bestDy), Logged("scene_bar_ratio"), 4);
        using var cache = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "scene-validation.json")));
        Assert.Equal(bestDx, cache.RootElement.GetProperty("Dx").GetDouble(), 9);
        Assert.Equal(bestDy, cache.RootElement.GetProperty("Dy").GetDouble(), 9);
    }

    [Fact]
    public void BadCurriculumAndMissingDatasetAreUserErrors()
    {
        var curriculum = CliProcess.Run("train", "--out", _dir.File("a"), "--curriculum", "128");
        Assert.Equal(2, curriculum.ExitCode);
        Assert.Contains("--curriculum", curriculum.Stderr);
        var dataset = CliProcess.Run("train", "--out", _dir.File("b"), "--source", "dataset:" + _dir.File("none"));
        Assert.Equal(2, dataset.ExitCode);
        Assert.Contains("does not exist", dataset.Stderr);
        var geometry = CliProcess.Run("train", "--out", _dir.File("c"), "--source", "plane-wave", "--sentinel-geometry-from", "5");
        Assert.Equal(2, geometry.ExitCode);
        Assert.Contains("--sentinel-geometry-from", geometry.Stderr);
        var every = CliProcess.Run("train", "--out", _dir.File("d"), "--source", "plane-wave", "--scene-validate-every", "0");
        Assert.Equal(2, every.ExitCode);
        Assert.Contains("--scene-validate-every", every.Stderr);
        var size = CliProcess.Run("train", "--out", _dir.File("e"), "--source", "plane-wave", "--scene-validate-every", "10", "--scene-validation-size", "100");
        Assert.Equal(2, size.ExitCode);
        Assert.Contains("--scene-validation-size", size.Stderr);
        Assert.False(File.Exists(Path.Combine(_dir.File("e"), "training.csv")));
        var azimuth = CliProcess.Run("train", "--out", _dir.File("f"), "--source", "plane-wave", "--azimuth-weight", "0");
        Assert.Equal(2, azimuth.ExitCode);
        Assert.Contains("--azimuth-weight: Use a finite, positive azimuth weight (got 0)", azimuth.Stderr);
        Assert.False(Directory.Exists(_dir.File("f")) && Directory.EnumerateFiles(_dir.File("f")).Any());
    }

    [Fact]
    public void ContextUnitsStartFromPaperWeightsAndBadSettingsAreUserErrors()
    {
        string paper = _dir.File("paper.gfnw"), wide = _dir.File("wide.gfnw"), run = _dir.File("context");
        using (var model = new GeoFlowNetSar.Model.Network.GeoFlowNetUNet(new GeoFlowNetSar.Model.Network.UNetArchitecture(0.25)))
            GeoFlowNetSar.Model.Weights.ModelWeights.Save(model, paper);
        using (var model = new GeoFlowNetSar.Model.Network.GeoFlowNetUNet(new GeoFlowNetSar.Model.Network.UNetArchitecture(0.5)))
            GeoFlowNetSar.Model.Weights.ModelWeights.Save(model, wide);
        string[] Args(string output, string from, string dilations) =>
        [
            "train", "--out", output, "--source", "plane-wave", "--steps", "1", "--width-multiplier", "0.25", "--batch", "2",
            "--micro-batch", "2", "--curriculum", "0:32", "--warmup-steps", "0", "--validation-samples", "1", "--threads", "1",
            "--device", "cpu", "--initialise-from", from, "--context-dilations", dilations, "--learning-rate", "1e-4",
        ];

        var train = CliProcess.Run(Args(run, paper, "2,4"));
        Assert.True(train.ExitCode == 0, train.All);
        var info = GeoFlowNetSar.Model.Weights.ModelWeights.ReadInfo(Path.Combine(run, "final.gfnw"));
        Assert.Equal(new[] { 2, 4 }, info.Architecture.ContextDilations);
        Assert.Equal("1", info.Metadata["step"]);

        var mismatched = CliProcess.Run(Args(_dir.File("b"), wide, "2,4"));
        Assert.Equal(2, mismatched.ExitCode);
        Assert.Contains(wide, mismatched.Stderr);
        Assert.Contains("mismatched architecture", mismatched.Stderr);
        var missing = CliProcess.Run(Args(_dir.File("c"), _dir.File("none.gfnw"), "2,4"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("none.gfnw", missing.Stderr);
        var dilation = CliProcess.Run(Args(_dir.File("d"), paper, "2,x"));
        Assert.Equal(2, dilation.ExitCode);
        Assert.Contains("--context-dilations", dilation.Stderr);
        var huge = CliProcess.Run(Args(_dir.File("e"), paper, "2,100"));
        Assert.Equal(2, huge.ExitCode);
        Assert.Contains("dilations", huge.Stderr);
        var stage = CliProcess.Run([.. Args(_dir.File("f"), paper, "2,4"), "--sentinel-geometry-from", "0"]);
        Assert.Equal(2, stage.ExitCode);
        Assert.Contains("--sentinel-geometry-from: The late stage starts at step 1 or later (got 0).", stage.Stderr);
        Assert.DoesNotContain("Parameter", stage.Stderr);
    }
}
