using GeoFlowNetSar.Model.Weights;
using GeoFlowNetSar.Training;
using GeoFlowNetSar.Training.Data;
using GeoFlowNetSar.Training.Logging;
using GeoFlowNetSar.Training.SceneValidation;

namespace GeoFlowNetSar.Model.Tests;

public sealed class TrainerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gfn-trainer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static TrainingOptions Tiny(int steps) => new()
    {
        WidthMultiplier = 0.25,
        Steps = steps,
        Batch = 4,
        MicroBatch = 2,
        Curriculum = [new CropStage(0, 32), new CropStage(2, 48)],
        ValidateEvery = 2,
        ValidationSamples = 3,
        ValidationSize = 32,
        Threads = 1,
        Device = "cpu",
        Seed = 3,
        QueueCapacity = 4,
    };

    [Fact]
    public void RunsLogsSavesAndResumes()
    {
        var generator = new PlaneWaveShiftGenerator(new PlaneWaveShiftOptions(Waves: 32, StillFraction: 0.3));
        var progress = new List<TrainingProgress>();
        var first = Trainer.Run(Tiny(3), generator, _dir, progress: new SynchronousProgress(progress.Add));

        Assert.Equal(3, first.StepsCompleted);
        Assert.Equal("completed", first.Stopped);
        Assert.True(File.Exists(first.BestWeightsPath));
        Assert.True(File.Exists(first.FinalWeightsPath));
        Assert.True(File.Exists(first.CheckpointPath));
        Assert.NotNull(first.Best);
        Assert.Equal([1, 2, 3], progress.Select(p => p.Step));
        Assert.Equal([32, 32, 48], progress.Select(p => p.CropSize));
        Assert.NotNull(progress[1].Validation);
        Assert.Null(progress[0].Validation);
        Assert.Equal("3", ModelWeights.ReadInfo(first.FinalWeightsPath).Metadata["step"]);
        Assert.True(first.PlotPath is not null, $"learning curve not drawn: {first.PlotProblem}");

        var losses = TrainingCsvLog.ReadColumn(first.CsvPath, "loss_total");
        Assert.Equal([1, 2, 3], losses.Select(l => l.Step));
        Assert.Equal([2, 3], TrainingCsvLog.ReadColumn(first.CsvPath, "val_mae_dx").Select(l => l.Step));

        // A fresh run into a directory that already has a log is refused.
        Assert.Throws<InvalidOperationException>(() => Trainer.Run(Tiny(3), generator, _dir));

        var resumed = Trainer.Run(Tiny(5) with { ResumeFrom = first.CheckpointPath }, generator, _dir);
        Assert.Equal(5, resumed.StepsCompleted);
        Assert.Equal([1, 2, 3, 4, 5], TrainingCsvLog.ReadColumn(first.CsvPath, "loss_total").Select(l => l.Step));

        var wrongSeed = Tiny(6) with { ResumeFrom = first.CheckpointPath, Seed = 4 };
        Assert.Throws<ArgumentException>(() => Trainer.Run(wrongSeed, generator, _dir));
        // A late data stage needs its generator, and a generator its first step.
        Assert.Throws<ArgumentException>(() => Trainer.Run(Tiny(5) with { LateStageFromStep = 2 }, generator, _dir));
        Assert.Throws<ArgumentException>(() => Trainer.Run(Tiny(5), generator, _dir, lateStageGenerator: generator));
    }

    [Fact]
    public void WarmStartFromCompactWeightsContinuesTheScheduleWithARewarmedRate()
    {
        var generator = new PlaneWaveShiftGenerator(new PlaneWaveShiftOptions(Waves: 32));
        var first = Trainer.Run(Tiny(3), generator, _dir);
        string second = Path.Combine(_dir, "warm");
        var progress = new List<TrainingProgress>();
        var warm = Trainer.Run(Tiny(5) with { ResumeFrom = first.FinalWeightsPath, RewarmSteps = 2 }, generator, second,
            progress: new SynchronousProgress(progress.Add));

        Assert.Equal(5, warm.StepsCompleted);
        Assert.Equal([4, 5], progress.Select(p => p.Step));
        // Step 3 of the schedule (0-based) at 1/3 of its rate, step 4 at 2/3.
        Assert.Equal(LearningRateSchedule.At(3, Tiny(5)) / 3, progress[0].LearningRate, 12);
        Assert.Equal(LearningRateSchedule.At(4, Tiny(5)) * 2 / 3, progress[1].LearningRate, 12);
        Assert.Equal("5", ModelWeights.ReadInfo(warm.FinalWeightsPath).Metadata["step"]);
    }

    [Fact]
    public void GradientClippingBoundsTheGlobalNorm()
    {
        TorchSharp.torch.manual_seed(2);
        using var model = new GeoFlowNetSar.Model.Network.GeoFlowNetUNet(new GeoFlowNetSar.Model.Network.UNetArchitecture(0.25));
        using var optimizer = new GeoFlowNetSar.Training.Optimization.AdamOptimizer(model.named_parameters());
        var input = TorchSharp.torch.randn(2, 2, 32, 32);
        model.forward(input)[^1].abs().sum().backward();
        double before = optimizer.ClipGradientNorm(0.5);
        Assert.True(before > 0.5, $"norm before {before}");
        Assert.Equal(0.5, optimizer.ClipGradientNorm(1e9), 4);
    }

    [Fact]
    public void CancellationStopsWithACheckpoint()
    {
        var generator = new PlaneWaveShiftGenerator(new PlaneWaveShiftOptions(Waves: 32));
        using var cancel = new CancellationTokenSource();
        var result = Trainer.Run(Tiny(50), generator, _dir, cancel.Token, new SynchronousProgress(p => { if (p.Step == 2) cancel.Cancel(); }));
        Assert.Equal("cancelled", result.Stopped);
        Assert.Equal(2, result.StepsCompleted);
        Assert.True(File.Exists(result.CheckpointPath));
    }

    [Fact]
    public void SceneValidationKeepsTheWeightsItScoredBest()
    {
        var generator = new PlaneWaveShiftGenerator(new PlaneWaveShiftOptions(Waves: 32));
        var scripted = new ScriptedSceneValidator([0.9, 0.6, 0.8, 0.7], _dir);
        var options = Tiny(4) with { SceneValidateEvery = 1 };
        Assert.Throws<ArgumentException>(() => Trainer.Run(options, generator, _dir));
        Assert.Throws<ArgumentException>(() => Trainer.Run(Tiny(4), generator, _dir, sceneValidator: scripted));

        var result = Trainer.Run(options, generator, _dir, sceneValidator: scripted);

        Assert.Equal(4, scripted.Fingerprints.Count);
        Assert.Equal(2, result.BestScenesStep);
        Assert.Equal(0.6, result.BestScenes!.BarRatio, 12);
        var info = ModelWeights.ReadInfo(result.BestScenesWeightsPath!);
        Assert.Equal("2", info.Metadata["step"]);
        Assert.Equal("0.6", info.Metadata["scene_bar_ratio"]);
        Assert.Equal(scripted.Fingerprints[1], info.PayloadSha256);
        Assert.NotEqual(scripted.Fingerprints[0], scripted.Fingerprints[1]);
        Assert.Equal([(1, 0.9), (2, 0.6), (3, 0.8), (4, 0.7)], TrainingCsvLog.ReadColumn(result.CsvPath, "scene_bar_ratio"));

        // The best ratio survives a resume: a later, worse score does not replace best-scenes.gfnw.
        var resumed = Trainer.Run(Tiny(5) with { SceneValidateEvery = 1, ResumeFrom = result.CheckpointPath }, generator, _dir,
            sceneValidator: new ScriptedSceneValidator([0.65], _dir));
        Assert.Equal(2, resumed.BestScenesStep);
        Assert.Equal("2", ModelWeights.ReadInfo(resumed.BestScenesWeightsPath!).Metadata["step"]);
    }

    // Returns scripted bar ratios and records the weights it was shown at each call (their payload's sha256).
    private sealed class ScriptedSceneValidator(double[] ratios, string folder) : ISceneValidator
    {
        public List<string> Fingerprints { get; } = [];

        public SceneValidationMetrics Score(GeoFlowNetSar.Model.Network.GeoFlowNetUNet model, CancellationToken token)
        {
            Fingerprints.Add(Fingerprint(model));
            double ratio = ratios[Fingerprints.Count - 1];
            return new SceneValidationMetrics(0.01, ratio * 0.02, 0.05, 0.1, 0.02);
        }

        private string Fingerprint(GeoFlowNetSar.Model.Network.GeoFlowNetUNet model)
        {
            string path = Path.Combine(folder, "shown.gfnw");
            ModelWeights.Save(model, path);
            return ModelWeights.ReadInfo(path).PayloadSha256;
        }
    }

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
