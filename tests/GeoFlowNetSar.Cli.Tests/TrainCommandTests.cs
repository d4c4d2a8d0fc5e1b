using GeoFlowNetSar.Cli.Tests.Support;

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
    }
}
