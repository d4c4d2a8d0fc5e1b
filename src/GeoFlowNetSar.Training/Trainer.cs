using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GeoFlowNetSar.Model.Network;
using GeoFlowNetSar.Model.Weights;
using GeoFlowNetSar.Synthesis.Samples;
using GeoFlowNetSar.TorchSupport;
using GeoFlowNetSar.Training.Data;
using GeoFlowNetSar.Training.Logging;
using GeoFlowNetSar.Training.Loss;
using GeoFlowNetSar.Training.Optimization;
using GeoFlowNetSar.Training.SceneValidation;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Training;

/// <summary>
/// Trains the U-Net on samples generated on the fly: Adam, cosine learning rate, gradient accumulation over
/// micro-batches, crop curriculum, one dispose scope per step (flat memory), validation on a fixed set every
/// <see cref="TrainingOptions.ValidateEvery"/> steps, CSV log, learning-curve PNG, best and final compact weights,
/// periodic checkpoints, resume.
/// </summary>
/// <remarks>
/// Files written to the log directory: <c>training.csv</c>, <c>learning_curve.png</c>, <c>best.gfnw</c> (best
/// validation score), <c>final.gfnw</c> (last step), <c>checkpoint.gfnc</c> (resume point), and with scene validation
/// <c>best-scenes.gfnw</c> (lowest <see cref="SceneValidationMetrics.BarRatio"/>).
/// </remarks>
public static class Trainer
{
    public const string CsvFile = "training.csv";
    public const string PlotFile = "learning_curve.png";
    public const string BestWeightsFile = "best" + ModelWeights.FileExtension;
    public const string FinalWeightsFile = "final" + ModelWeights.FileExtension;
    public const string CheckpointFile = "checkpoint" + TrainingCheckpoint.FileExtension;
    public const string BestScenesWeightsFile = "best-scenes" + ModelWeights.FileExtension;

    private static readonly JsonSerializerOptions StateJson = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <param name="validationGenerator">
    /// Makes the fixed validation set (default: <paramref name="generator"/>); lets training draw from a wider
    /// distribution than the one the model is judged on.
    /// </param>
    /// <param name="lateStageGenerator">Makes the training samples from <see cref="TrainingOptions.LateStageFromStep"/> on.</param>
    /// <param name="sceneValidator">Scores whole scenes every <see cref="TrainingOptions.SceneValidateEvery"/> steps.</param>
    public static TrainingResult Run(TrainingOptions options, ISarPairGenerator generator, string logDirectory,
        CancellationToken cancellationToken = default, IProgress<TrainingProgress>? progress = null,
        ISarPairGenerator? validationGenerator = null, ISarPairGenerator? lateStageGenerator = null,
        ISceneValidator? sceneValidator = null)
    {
        options.Validate();
        if ((options.LateStageFromStep is null) != (lateStageGenerator is null))
            throw new ArgumentException("A late training stage needs both its first step and its generator.", nameof(lateStageGenerator));
        if ((options.SceneValidateEvery is null) != (sceneValidator is null))
            throw new ArgumentException("Scene validation needs both its interval and its validator.", nameof(sceneValidator));
        Directory.CreateDirectory(logDirectory);
        string csvPath = Path.Combine(logDirectory, CsvFile);
        string plotPath = Path.Combine(logDirectory, PlotFile);
        string bestPath = Path.Combine(logDirectory, BestWeightsFile);
        string finalPath = Path.Combine(logDirectory, FinalWeightsFile);
        string checkpointPath = Path.Combine(logDirectory, CheckpointFile);
        string bestScenesPath = Path.Combine(logDirectory, BestScenesWeightsFile);
        if (options.ResumeFrom is null && File.Exists(csvPath) && new FileInfo(csvPath).Length > TrainingCsvLog.Header.Length + 2)
            throw new InvalidOperationException($"'{csvPath}' already holds a training log; use another directory or resume from its checkpoint.");

        TorchRuntime.Configure(options.Threads);
        var device = TorchRuntime.SelectDevice(options.Device);
        torch.manual_seed(options.Seed);

        var architecture = new UNetArchitecture(options.WidthMultiplier, options.ContextDilations);
        using var model = new GeoFlowNetUNet(architecture);
        model.to(device);
        model.train();
        using var optimizer = new AdamOptimizer(model.named_parameters(), options.LearningRate);
        var loss = new MultiScaleLoss(options.LossWeightsFinestFirst, options.PooledErrorWeight, options.PooledErrorSize, options.AzimuthWeight);

        var state = new TrainerState(0, options.Seed, options.Batch, options.WidthMultiplier, 0, null, null, null, null, options.Steps);
        int? warmStartStep = null;
        if (options.InitialiseFrom is { } initial)
            ModelWeights.InitialiseFrom(model, initial);
        if (options.ResumeFrom is { } weightsPath && weightsPath.EndsWith(ModelWeights.FileExtension, StringComparison.OrdinalIgnoreCase))
        {
            // Warm start from compact weights (what the repository ships): the step continues the schedule, Adam's
            // moments start afresh, so the learning rate is ramped up again over RewarmSteps.
            var info = ModelWeights.Load(model, weightsPath);
            state = WarmStartState(state, info, weightsPath);
            warmStartStep = state.Step;
        }
        else if (options.ResumeFrom is { } resume)
        {
            var json = TrainingCheckpoint.Load(resume, model, optimizer);
            state = json.Deserialize<TrainerState>(StateJson)
                ?? throw new ModelWeightsException(resume, "corrupt: no trainer state.");
            if (state.Seed != options.Seed || state.Batch != options.Batch)
                throw new ArgumentException($"Checkpoint '{resume}' was trained with seed {state.Seed} and batch {state.Batch}; resume with the same (asked: seed {options.Seed}, batch {options.Batch}).");
        }

        var validation = ValidationSet.Generate(validationGenerator ?? generator, options.ValidationSamples, options.ValidationSize, options.Producers, cancellationToken);
        using var csv = new TrainingCsvLog(csvPath, truncateAfterStep: options.ResumeFrom is null ? null : state.Step);
        using var stream = new SampleStream(
            index => index / options.Batch >= options.LateStageFromStep ? lateStageGenerator! : generator,
            index => options.CropSizeAt((int)(index / options.Batch)),
            new SampleStreamOptions(options.Seed, options.Producers, options.QueueCapacity, options.Augment),
            startIndex: (long)state.Step * options.Batch);

        var session = Stopwatch.StartNew();
        var sinceCheckpoint = Stopwatch.StartNew();
        string stopped = "completed";
        string? plotProblem = null;
        bool plotted = false;
        int step = state.Step;
        double elapsedBefore = state.ElapsedSeconds;

        while (step < options.Steps)
        {
            if (cancellationToken.IsCancellationRequested) { stopped = "cancelled"; break; }
            if (options.TimeBudget is { } budget && session.Elapsed >= budget) { stopped = "time budget"; break; }

            var stepClock = Stopwatch.StartNew();
            double lr = LearningRateSchedule.At(step, options);
            if (warmStartStep is { } from && step - from < options.RewarmSteps)
                lr *= (step - from + 1.0) / (options.RewarmSteps + 1);
            optimizer.LearningRate = lr;
            int crop = options.CropSizeAt(step);
            var perScale = new double[loss.WeightsFinestFirst.Count];
            double total = 0;
            using (var scope = NewDisposeScope())
            using (var accumulation = (1.0 / options.MicroBatchesPerStep).ToScalar())
            {
                optimizer.ZeroGrad();
                int micro = options.MicroBatchesPerStep;
                for (int m = 0; m < micro; m++)
                {
                    IReadOnlyList<PreparedSample> samples;
                    try
                    {
                        samples = stream.Take(options.MicroBatch, cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        stopped = "cancelled";
                        break;
                    }
                    var (input, target) = TrainingBatch.ToTensors(samples, device);
                    var result = loss.Compute(model.forward(input), target);
                    result.Total.mul(accumulation).backward();
                    total += result.Total.item<float>() / micro;
                    for (int s = 0; s < perScale.Length; s++) perScale[s] += result.PerScaleFinestFirst[s].item<float>() / micro;
                }
                if (stopped == "cancelled") break;
                if (options.MaxGradientNorm is { } maxNorm) optimizer.ClipGradientNorm(maxNorm);
                optimizer.Step();
            }
            step++;
            double seconds = stepClock.Elapsed.TotalSeconds;

            ValidationMetrics? metrics = null;
            if (step % options.ValidateEvery == 0 || step == options.Steps)
            {
                metrics = ModelEvaluator.Evaluate(model, validation, options.MicroBatch, device, options.NearFaultJump, options.NearFaultRadius);
                bool better = state.BestScore is not { } best || metrics.Score < best;
                if (better)
                {
                    ModelWeights.Save(model, bestPath, Metadata(options, step, metrics, "best"));
                    state = state with { BestScore = metrics.Score, BestStep = step, Best = metrics };
                }
                state = state with { Last = metrics };
            }

            SceneValidationMetrics? scenes = null;
            if (options.SceneValidateEvery is { } sceneEvery && (step % sceneEvery == 0 || step == options.Steps))
            {
                scenes = sceneValidator!.Score(model, cancellationToken);
                if (state.BestScenes is not { } best || scenes.BarRatio < best.BarRatio)
                {
                    ModelWeights.Save(model, bestScenesPath, SceneMetadata(Metadata(options, step, metrics ?? state.Last, "best-scenes"), scenes));
                    state = state with { BestSceneStep = step, BestScenes = scenes };
                }
            }

            var elapsed = TimeSpan.FromSeconds(elapsedBefore + session.Elapsed.TotalSeconds);
            csv.Write(new TrainingLogRow(step, elapsed.TotalSeconds, lr, crop, total, perScale, metrics, options.Batch / seconds, scenes));
            progress?.Report(new TrainingProgress(step, options.Steps, lr, crop, total, perScale[0], options.Batch / seconds, elapsed, metrics, scenes));
            if (metrics is not null && options.Plot)
                plotted = LearningCurvePlot.TryWrite(csvPath, plotPath, out plotProblem);

            state = state with { Step = step, ElapsedSeconds = elapsed.TotalSeconds, PlannedSteps = options.Steps };
            if (sinceCheckpoint.Elapsed.TotalMinutes >= options.CheckpointMinutes)
            {
                SaveCheckpoint(checkpointPath, model, optimizer, state);
                sinceCheckpoint.Restart();
            }
        }

        state = state with { Step = step, ElapsedSeconds = elapsedBefore + session.Elapsed.TotalSeconds };
        SaveCheckpoint(checkpointPath, model, optimizer, state);
        ModelWeights.Save(model, finalPath, Metadata(options, step, state.Last, "final"));
        if (options.Plot && !plotted && File.Exists(csvPath))
            plotted = LearningCurvePlot.TryWrite(csvPath, plotPath, out plotProblem);

        return new TrainingResult(step, stopped, state.Best, state.BestStep, state.Last,
            bestPath, finalPath, checkpointPath, csvPath, plotted ? plotPath : null, plotProblem,
            state.BestScenes, state.BestSceneStep, state.BestSceneStep is null ? null : bestScenesPath);
    }

    private static TrainerState WarmStartState(TrainerState state, WeightsInfo info, string path)
    {
        if (!info.Metadata.TryGetValue("step", out var stepText) || !int.TryParse(stepText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int step))
            throw new ModelWeightsException(path, "has no training step in its metadata; it cannot continue a schedule.");
        state = state with { Step = step };
        if (info.Metadata.TryGetValue("val_mae_dx", out var dx) && info.Metadata.TryGetValue("val_mae_dy", out var dy))
        {
            var best = new ValidationMetrics(double.Parse(dx, CultureInfo.InvariantCulture), double.Parse(dy, CultureInfo.InvariantCulture), double.NaN, double.NaN);
            state = state with { BestScore = best.Score, BestStep = step, Best = best };
        }
        return state;
    }

    private static void SaveCheckpoint(string path, GeoFlowNetUNet model, AdamOptimizer optimizer, TrainerState state) =>
        TrainingCheckpoint.Save(path, model, optimizer, JsonSerializer.SerializeToElement(state, StateJson));

    private static Dictionary<string, string> SceneMetadata(Dictionary<string, string> metadata, SceneValidationMetrics scenes)
    {
        metadata["scene_mae_dx"] = scenes.MaeDx.ToString("G6", CultureInfo.InvariantCulture);
        metadata["scene_mae_dy"] = scenes.MaeDy.ToString("G6", CultureInfo.InvariantCulture);
        metadata["scene_near_fault"] = scenes.NearFaultMae.ToString("G6", CultureInfo.InvariantCulture);
        metadata["scene_bar_ratio"] = scenes.BarRatio.ToString("G6", CultureInfo.InvariantCulture);
        return metadata;
    }

    private static Dictionary<string, string> Metadata(TrainingOptions options, int step, ValidationMetrics? metrics, string kind)
    {
        var metadata = new Dictionary<string, string>
        {
            ["kind"] = kind,
            ["step"] = step.ToString(CultureInfo.InvariantCulture),
            ["planned_steps"] = options.Steps.ToString(CultureInfo.InvariantCulture),
            ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
            ["batch"] = options.Batch.ToString(CultureInfo.InvariantCulture),
            ["created_utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        if (metrics is not null)
        {
            metadata["val_mae_dx"] = metrics.MaeDx.ToString("G6", CultureInfo.InvariantCulture);
            metadata["val_mae_dy"] = metrics.MaeDy.ToString("G6", CultureInfo.InvariantCulture);
        }
        return metadata;
    }
}
