using System.CommandLine;
using System.Globalization;
using GeoFlowNetSar.Cli.Evaluation;
using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Synthesis.Datasets;
using GeoFlowNetSar.Synthesis.Samples;
using GeoFlowNetSar.Synthesis.Simulation;
using GeoFlowNetSar.Training;
using GeoFlowNetSar.Training.Data;

namespace GeoFlowNetSar.Cli.Commands;

/// <summary>
/// `geoflownet train`: trains the U-Net on synthetic earthquakes drawn on the fly (FaultDeform-SAR), with
/// validation on a fixed held-out set, CSV log, learning curve, checkpoints and --resume.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder for training.csv, learning_curve.png, best.gfnw, final.gfnw, checkpoint.gfnc.", Required = true };
        var steps = new Option<int>("--steps") { Description = "Planned optimizer steps (the cosine schedule ends there).", DefaultValueFactory = _ => 2000 };
        var width = new Option<double>("--width-multiplier") { Description = "1.0: the paper's ≈ 6 M parameters; 0.5: ≈ 1.5 M.", DefaultValueFactory = _ => 1.0 };
        var batch = new Option<int>("--batch") { Description = "Samples per optimizer step.", DefaultValueFactory = _ => 32 };
        var microBatch = new Option<int>("--micro-batch") { Description = "Samples per forward/backward pass (gradient accumulation).", DefaultValueFactory = _ => 8 };
        var curriculum = new Option<string>("--curriculum") { Description = "Crop sizes by step, e.g. \"0:128,7000:256\".", DefaultValueFactory = _ => "0:128" };
        var validateEvery = new Option<int>("--validate-every") { Description = "Steps between validations (an epoch).", DefaultValueFactory = _ => 100 };
        var validationSamples = new Option<int>("--validation-samples") { Description = "Fixed held-out validation samples (256², seeds never trained on).", DefaultValueFactory = _ => 64 };
        var checkpointMinutes = new Option<double>("--checkpoint-minutes") { Description = "Minutes between checkpoints.", DefaultValueFactory = _ => 5 };
        var resume = new Option<string?>("--resume") { Description = "Resume from a checkpoint (.gfnc)." };
        var budget = new Option<double?>("--time-budget-minutes") { Description = "Stop with a checkpoint after this many minutes." };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads (default: all cores)." };
        var device = new Option<string>("--device") { Description = "cpu, cuda or auto.", DefaultValueFactory = _ => "auto" };
        var warmup = new Option<int>("--warmup-steps") { Description = "Linear learning-rate warm-up steps before the cosine decay.", DefaultValueFactory = _ => 200 };
        var clip = new Option<double>("--max-gradient-norm") { Description = "Clip the global gradient norm (0: off).", DefaultValueFactory = _ => 1.0 };
        var seed = new Option<long>("--seed") { Description = "Seed of the initialisation and the data stream.", DefaultValueFactory = _ => 1 };
        var sentinelFrom = new Option<int?>("--sentinel-geometry-from")
        {
            Description = "From this step on, train on Sentinel-1's geometry only (13.9 m azimuth spacing, as validation and the product's scenes) " +
                "instead of drawing the azimuth spacing in [1, 13.9] m: a late stage that teaches the model how small azimuth motion usually is there (simulator source only).",
        };
        var context = new Option<string?>("--context-dilations")
        {
            Description = "Residual dilated context units at the coarsest scale, e.g. \"2,4,8\": each widens the receptive field by 32·d px " +
                "(none: the paper's network, whose deepest layer sees ≈ 33 px).",
        };
        var initialise = new Option<string?>("--initialise-from")
        {
            Description = "Start a new schedule (step 0, fresh optimizer) from these compact weights (.gfnw) of the same width; " +
                "context units absent from the file start as the identity.",
        };
        var learningRate = new Option<double>("--learning-rate") { Description = "Peak learning rate (Adam) of the schedule.", DefaultValueFactory = _ => 1e-3 };
        var pooledWeight = new Option<double>("--pooled-error-weight")
        {
            Description = "Weight λ of a loss term on the full-resolution error averaged over k×k cells (0: off): it asks for an unbiased field " +
                "where per-pixel noise hides a systematic error (small motion at low coherence).",
            DefaultValueFactory = _ => 0,
        };
        var pooledSize = new Option<int>("--pooled-error-size") { Description = "Cell edge k of the pooled-error term, px.", DefaultValueFactory = _ => 32 };
        var azimuthWeight = new Option<double>("--azimuth-weight")
        {
            Description = "Weight of the azimuth (dy) error relative to the range (dx) error in every loss term, their mean kept at 1 " +
                "(1: equal; > 1 when the azimuth error is the one the accuracy bar binds on).",
            DefaultValueFactory = _ => 1,
        };
        var sceneEvery = new Option<int?>("--scene-validate-every")
        {
            Description = "Every this many steps (and at the last), score the model as the accuracy bar does — whole FaultDeform-SAR scenes through " +
                "the pipeline, errors pooled, against the best correlator on the same scenes — and keep best-scenes.gfnw by that ratio (default: off).",
        };
        var sceneCount = new Option<int>("--scene-validation-scenes") { Description = "Scenes of the scene validation.", DefaultValueFactory = _ => 12 };
        var sceneSize = new Option<int>("--scene-validation-size") { Description = "Scene edge of the scene validation, px.", DefaultValueFactory = _ => 1024 };
        var sceneSeed = new Option<long>("--scene-validation-seed")
        {
            Description = "First validation seed index of the scene validation (evaluate's scenes start at " +
                $"{SyntheticValidationSet.DefaultSeedIndex}; keep them apart so the scenes that judge never choose).",
            DefaultValueFactory = _ => TrainingSceneValidator.DefaultSeedIndex,
        };
        var source = new Option<string>("--source")
        {
            Description = "simulator (FaultDeform-SAR on the fly), dataset:DIR (a `synth dataset` folder; use its base seed) or plane-wave (a quick stand-in).",
            DefaultValueFactory = _ => "simulator",
        };

        var command = new Command("train", "Train GeoFlowNet-SAR on synthetic earthquakes.")
        {
            output, steps, width, batch, microBatch, curriculum, validateEvery, validationSamples, checkpointMinutes, resume, budget, threads, device, warmup, clip, seed, source, sentinelFrom,
            context, initialise, learningRate, pooledWeight, pooledSize, azimuthWeight, sceneEvery, sceneCount, sceneSize, sceneSeed,
        };
        // Asynchronous so that SIGINT/SIGTERM cancel the token while the run goes on (and checkpoints) on the pool.
        command.SetAction((parse, cancellationToken) => Task.Run(() => CommandRunner.Run(token =>
        {
            var options = new TrainingOptions
            {
                Steps = parse.GetValue(steps),
                WidthMultiplier = parse.GetValue(width),
                Batch = parse.GetValue(batch),
                MicroBatch = parse.GetValue(microBatch),
                Curriculum = ParseCurriculum(parse.GetValue(curriculum)!),
                ValidateEvery = parse.GetValue(validateEvery),
                ValidationSamples = parse.GetValue(validationSamples),
                CheckpointMinutes = parse.GetValue(checkpointMinutes),
                ResumeFrom = parse.GetValue(resume),
                TimeBudget = parse.GetValue(budget) is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
                Threads = parse.GetValue(threads),
                Device = parse.GetValue(device)!,
                Seed = parse.GetValue(seed),
                WarmupSteps = parse.GetValue(warmup),
                MaxGradientNorm = parse.GetValue(clip) > 0 ? parse.GetValue(clip) : null,
                LateStageFromStep = parse.GetValue(sentinelFrom),
                ContextDilations = ParseDilations(parse.GetValue(context)),
                InitialiseFrom = parse.GetValue(initialise),
                LearningRate = parse.GetValue(learningRate),
                PooledErrorWeight = parse.GetValue(pooledWeight),
                PooledErrorSize = parse.GetValue(pooledSize),
                AzimuthWeight = parse.GetValue(azimuthWeight),
                SceneValidateEvery = parse.GetValue(sceneEvery),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException error)
            {
                throw new CliInputException($"train: {OptionMessage(error)}");
            }
            if (options.InitialiseFrom is { } initialFile && !File.Exists(initialFile))
                throw new CliInputException($"{initialFile}: --initialise-from: the weights file does not exist.");
            var (generator, validation) = Sources(parse.GetValue(source)!);
            ISarPairGenerator? lateStage = null;
            if (options.LateStageFromStep is not null)
            {
                if (parse.GetValue(source) != "simulator")
                    throw new CliInputException("--sentinel-geometry-from needs --source simulator (the geometry is drawn by the simulator).");
                lateStage = new FaultDeformSimulator(FaultDeformOptions.TrainingSentinel1);
            }
            TrainingSceneValidator? scenes = options.SceneValidateEvery is null ? null : new TrainingSceneValidator(
                new SyntheticSetRequest(parse.GetValue(sceneCount), parse.GetValue(sceneSize), parse.GetValue(sceneSeed), SyntheticValidationSet.DefaultCoherences, Controls: false),
                parse.GetValue(output)!, options.Threads, Console.WriteLine, token);
            var result = Trainer.Run(options, generator, parse.GetValue(output)!, token, new Progress<TrainingProgress>(ReportProgress), validation, lateStage, scenes);
            Console.WriteLine($"stopped: {result.Stopped} after {result.StepsCompleted} steps; best step {result.BestStep}: " +
                $"val MAE dx {result.Best?.MaeDx:F4} px, dy {result.Best?.MaeDy:F4} px; weights {result.BestWeightsPath}");
            if (result.BestScenes is { } best)
                Console.WriteLine($"best on scenes: step {result.BestScenesStep}, MAE dx {best.MaeDx:F4} dy {best.MaeDy:F4} px, " +
                    $"{best.BarRatio:F3}× the best correlator; weights {result.BestScenesWeightsPath}");
            return ExitCodes.Success;
        }, cancellationToken), CancellationToken.None));
        return command;
    }

    // TrainingOptions' property names → the options that set them, so that a bad value names what the user typed.
    private static readonly Dictionary<string, string> OptionNames = new()
    {
        [nameof(TrainingOptions.WidthMultiplier)] = "--width-multiplier",
        [nameof(TrainingOptions.Steps)] = "--steps",
        [nameof(TrainingOptions.WarmupSteps)] = "--warmup-steps",
        [nameof(TrainingOptions.Curriculum)] = "--curriculum",
        [nameof(TrainingOptions.LateStageFromStep)] = "--sentinel-geometry-from",
        [nameof(TrainingOptions.ValidateEvery)] = "--validate-every",
        [nameof(TrainingOptions.ValidationSamples)] = "--validation-samples",
        [nameof(TrainingOptions.SceneValidateEvery)] = "--scene-validate-every",
        [nameof(TrainingOptions.CheckpointMinutes)] = "--checkpoint-minutes",
        [nameof(TrainingOptions.Threads)] = "--threads",
        [nameof(TrainingOptions.Seed)] = "--seed",
        [nameof(TrainingOptions.InitialiseFrom)] = "--initialise-from",
        ["pooledErrorWeight"] = "--pooled-error-weight", // MultiScaleLoss's parameters, checked through TrainingOptions.Validate
        ["pooledErrorSize"] = "--pooled-error-size",
        ["azimuthWeight"] = "--azimuth-weight",
    };

    // "--option: message (got value)" instead of .NET's "message (Parameter 'Name')\nActual value was value."
    private static string OptionMessage(ArgumentException error)
    {
        string message = error.Message;
        if (error.ParamName is not { } name) return message;
        message = message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal);
        if (error is ArgumentOutOfRangeException { ActualValue: { } value })
            message = message.Replace($"{Environment.NewLine}Actual value was {value}.", "", StringComparison.Ordinal).TrimEnd('.') + $" (got {value}).";
        return OptionNames.TryGetValue(name, out var option) ? $"{option}: {message}" : message;
    }

    // Training draws max |d| from [0.2, 2] px; validation is always the simulator at the accuracy bar's setting
    // (max |d| = 1 px) and on seeds no training source reaches.
    private static (ISarPairGenerator Training, ISarPairGenerator Validation) Sources(string source)
    {
        if (source == "simulator") return (new FaultDeformSimulator(FaultDeformOptions.Training), new FaultDeformSimulator());
        if (source == "plane-wave") return (new PlaneWaveShiftGenerator(), new PlaneWaveShiftGenerator());
        if (source.StartsWith("dataset:", StringComparison.Ordinal))
        {
            string folder = source["dataset:".Length..];
            if (!Directory.Exists(folder)) throw new CliInputException($"{folder}: the dataset folder does not exist.");
            return (SampleDatasetReader.Open(folder), new FaultDeformSimulator());
        }
        throw new CliInputException($"--source '{source}': use simulator, plane-wave or dataset:DIR.");
    }

    private static void ReportProgress(TrainingProgress p)
    {
        if (p.Validation is { } v)
            Console.WriteLine($"step {p.Step}/{p.PlannedSteps} lr {p.LearningRate:E2} crop {p.CropSize} loss {p.LossTotal:F4} " +
                $"{p.SamplesPerSecond:F1} samples/s | val MAE dx {v.MaeDx:F4} dy {v.MaeDy:F4}");
        if (p.Scenes is { } scenes)
            Console.WriteLine($"step {p.Step}/{p.PlannedSteps} scenes MAE dx {scenes.MaeDx:F4} dy {scenes.MaeDy:F4} near-fault {scenes.NearFaultMae:F4} px, " +
                $"{scenes.BarRatio:F3}× the best correlator");
    }

    internal static IReadOnlyList<int> ParseDilations(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        try
        {
            return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToList();
        }
        catch (Exception error) when (error is FormatException or OverflowException)
        {
            throw new CliInputException($"--context-dilations '{text}': expected comma-separated integers such as \"2,4,8\".");
        }
    }

    internal static IReadOnlyList<CropStage> ParseCurriculum(string text)
    {
        try
        {
            return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(stage => stage.Split(':'))
                .Select(parts => new CropStage(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture)))
                .ToList();
        }
        catch (Exception error) when (error is FormatException or IndexOutOfRangeException or OverflowException)
        {
            throw new CliInputException($"--curriculum '{text}': expected step:size pairs such as \"0:128,7000:256\".");
        }
    }
}
