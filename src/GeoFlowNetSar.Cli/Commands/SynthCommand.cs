using System.CommandLine;
using System.Globalization;
using GeoFlowNetSar.Cli.Synthesis;
using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Synthesis.Datasets;
using GeoFlowNetSar.Synthesis.Simulation;
using GeoFlowNetSar.Synthesis.Speckle;

namespace GeoFlowNetSar.Cli.Commands;

/// <summary>
/// `geoflownet synth dataset` (reproducible training samples as binary shards + index.json, from the simulator or a
/// real stable pair) and `geoflownet synth scene` (a full FaultDeform-SAR scene as pre.tif, post.tif, truth.tif,
/// streamed band by band, any size up to a 9514×24418 swath).
/// </summary>
public static class SynthCommand
{
    public const int MinSize = 32;

    public static Command Create()
    {
        var command = new Command("synth", "Synthetic SAR pairs with known displacement (FaultDeform-SAR): training datasets and full scenes.");
        command.Subcommands.Add(Dataset());
        command.Subcommands.Add(Scene());
        return command;
    }

    private static Command Dataset()
    {
        var output = new Option<string>("--out") { Description = "New folder for the shards and index.json (must not exist, or be empty).", Required = true };
        var count = new Option<long>("--count") { Description = "Number of samples.", Required = true };
        var size = new Option<int>("--size") { Description = "Sample edge in pixels.", DefaultValueFactory = _ => 256 };
        var seed = new Option<long>("--seed") { Description = "Sample i is generated with seed SEED + i (the trainer's rule).", DefaultValueFactory = _ => 1 };
        var source = new Option<string>("--source") { Description = "simulator, or pairs:PRE,POST — two co-registered rasters of one place without deformation (GeoTIFF amplitude, complex SLC, HDF5 subdataset…).", DefaultValueFactory = _ => "simulator" };
        var preset = new Option<bool>("--training-preset") { Description = "Training diversity: max |d| drawn in [0.2, 2] px (FaultDeformOptions.Training)." };
        var maxDisplacement = new Option<double?>("--max-displacement") { Description = "max |d| of every sample, px (default 1; not with --training-preset)." };
        var detection = DetectionOption();
        var precision = new Option<string>("--precision") { Description = "PRE/POST storage: float32 (exact) or float16 (half the amplitude bytes, ≤ 0.05 % error). dx, dy are always float32.", DefaultValueFactory = _ => "float32" };
        precision.AcceptOnlyFromAmong("float32", "float16");
        var shard = new Option<int>("--shard-samples") { Description = "Samples per shard file.", DefaultValueFactory = _ => 256 };
        var threads = ThreadsOption();
        var band = new Option<int>("--band") { Description = "Band to read from the pair's rasters (1-based).", DefaultValueFactory = _ => 1 };
        var db = new Option<bool>("--db") { Description = "The pair's rasters are backscatter in dB." };
        var warp = new Option<string>("--warp")
        {
            Description = "How a real pair's POST is resampled: auto (the complex field, then detection, when both rasters are complex SLCs; " +
                "detected amplitude otherwise), complex (an error for real-valued rasters) or amplitude (approximate: amplitude is not band-limited).",
            DefaultValueFactory = _ => "auto",
        };
        warp.AcceptOnlyFromAmong("auto", "complex", "amplitude");

        var command = new Command("dataset", "Write reproducible training samples (PRE, POST, dx, dy) as binary shards with an index.json of every sample's parameters.")
        {
            output, count, size, seed, source, preset, maxDisplacement, detection, precision, shard, threads, band, db, warp,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(CommandRunner.Run(token =>
        {
            long n = parse.GetValue(count);
            int edge = parse.GetValue(size);
            if (n < 1) throw new CliInputException($"--count must be at least 1 (got {n}).");
            CheckSize("--size", edge);
            int perShard = parse.GetValue(shard);
            if (perShard < 1) throw new CliInputException($"--shard-samples must be at least 1 (got {perShard}).");
            int bandNumber = parse.GetValue(band);
            if (bandNumber < 1) throw new CliInputException($"--band must be at least 1 (got {bandNumber}).");
            bool training = parse.GetValue(preset);
            double? max = parse.GetValue(maxDisplacement);
            if (training && max is not null) throw new CliInputException("--max-displacement and --training-preset exclude each other (the preset draws max |d| in [0.2, 2] px).");
            var options = (training ? FaultDeformOptions.Training : new FaultDeformOptions()) with { Detection = ParseDetection(parse.GetValue(detection)!) };
            if (max is { } m) options = options with { MaxDisplacement = (CheckDisplacement(m), m) };
            var request = new DatasetRequest(parse.GetValue(output)!, n, edge, parse.GetValue(seed), parse.GetValue(source)!, options,
                parse.GetValue(precision) == "float16" ? AmplitudeEncoding.Float16 : AmplitudeEncoding.Float32,
                perShard, Threads(parse.GetValue(threads)), bandNumber, parse.GetValue(db), ParseWarp(parse.GetValue(warp)!));
            var result = SynthProgress.Run("samples", report => DatasetRunner.Run(request, report, token));
            Console.WriteLine($"wrote {result.Count:N0} samples of {edge}x{edge} in {result.Shards} shard(s), {result.Bytes / 1048576.0:F1} MiB, " +
                $"in {result.Elapsed.TotalSeconds:F1} s ({result.Count / result.Elapsed.TotalSeconds:F2} samples/s{ProcessMemory.Describe()}) to {result.Folder}");
            return ExitCodes.Success;
        }, cancellationToken)));
        return command;
    }

    private static Command Scene()
    {
        var output = new Option<string>("--out") { Description = "New folder for pre.tif, post.tif, truth.tif, scene.json (must not exist, or be empty).", Required = true };
        var size = new Option<int[]>("--size")
        {
            Description = "Scene size: HEIGHT WIDTH in pixels (rows, columns), or one value for a square.",
            Required = true,
            Arity = new ArgumentArity(1, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var seed = new Option<long>("--seed") { Description = "Scene seed.", DefaultValueFactory = _ => 1 };
        var quickLook = new Option<bool>("--quicklook") { Description = "Also write quicklook.png: PRE, POST, dx, dy (downsampled for big scenes)." };
        var maxDisplacement = new Option<double>("--max-displacement") { Description = "max over the scene of max(|dx|, |dy|), px.", DefaultValueFactory = _ => 1.0 };
        var detection = DetectionOption();
        var rupture = new Option<string>("--rupture") { Description = "Fault type: random (as in training), surface (sharp offset at the trace) or buried.", DefaultValueFactory = _ => "random" };
        rupture.AcceptOnlyFromAmong("random", "surface", "buried");
        var bandRows = new Option<int>("--band-rows") { Description = "Rows generated per band (memory ≈ threads × band rows × width × 100 bytes); never changes the result.", DefaultValueFactory = _ => 256 };
        var threads = ThreadsOption();

        var command = new Command("scene", "Write a full synthetic earthquake scene: pre.tif, post.tif (amplitude) and truth.tif (dx, dy), streamed band by band.")
        {
            output, size, seed, quickLook, maxDisplacement, detection, rupture, bandRows, threads,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(CommandRunner.Run(token =>
        {
            int[] hw = parse.GetValue(size)!;
            int height = hw[0], width = hw.Length > 1 ? hw[1] : hw[0];
            CheckSize("--size (height)", height);
            CheckSize("--size (width)", width);
            int rows = parse.GetValue(bandRows);
            if (rows < 1) throw new CliInputException($"--band-rows must be at least 1 (got {rows}).");
            if ((long)Math.Min(rows, height) * width > 1 << 27)
                throw new CliInputException($"--band-rows {rows}: a band of {Math.Min(rows, height)}x{width} pixels is too large; use fewer rows.");
            double max = CheckDisplacement(parse.GetValue(maxDisplacement));
            var options = new FaultDeformOptions
            {
                MaxDisplacement = (max, max),
                ZeroDeformationFraction = 0,
                Detection = ParseDetection(parse.GetValue(detection)!),
            };
            options = parse.GetValue(rupture) switch
            {
                "surface" => options with { Fault = options.Fault with { SurfaceRuptureFraction = 1 } },
                "buried" => options with { Fault = options.Fault with { SurfaceRuptureFraction = 0 } },
                _ => options,
            };
            var request = new SceneRequest(parse.GetValue(output)!, width, height, parse.GetValue(seed), options, parse.GetValue(quickLook), rows,
                Threads(parse.GetValue(threads)));
            Console.WriteLine($"synth scene: {height} rows x {width} columns, seed {request.Seed}, max |d| {max} px");
            var result = SynthProgress.Run("bands", report => SceneRunner.Run(request, report, token));
            Console.WriteLine($"wrote pre.tif, post.tif, truth.tif{(request.QuickLook ? ", quicklook.png" : "")} and scene.json to {result.Folder}: " +
                $"{result.Mechanism} fault, {(result.SurfaceRupture ? "surface rupture" : "buried")}, max |d| {result.MaxDisplacement:0.###} px; " +
                $"{result.Elapsed.TotalSeconds:F1} s (plan {result.PlanElapsed.TotalSeconds:F1} s){ProcessMemory.Describe()}");
            return ExitCodes.Success;
        }, cancellationToken)));
        return command;
    }

    private static Option<string> DetectionOption()
    {
        var detection = new Option<string>("--detection") { Description = "native: |z| at the pixels (aliased like a real SLC amplitude); 2x: detected on a 2x grid and averaged back.", DefaultValueFactory = _ => "native" };
        detection.AcceptOnlyFromAmong("native", "2x");
        return detection;
    }

    private static PairWarp ParseWarp(string text) => text switch
    {
        "complex" => PairWarp.Complex,
        "amplitude" => PairWarp.Amplitude,
        _ => PairWarp.Auto,
    };

    private static Option<int?> ThreadsOption() => new("--threads") { Description = "Worker threads (default: all cores); the output does not depend on it." };

    private static int Threads(int? requested)
    {
        if (requested is { } t && t < 1) throw new CliInputException($"--threads must be at least 1 (got {t}).");
        return requested ?? Environment.ProcessorCount;
    }

    private static DetectionMode ParseDetection(string text) => text == "2x" ? DetectionMode.Oversampled2x : DetectionMode.Native;

    private static void CheckSize(string name, int value)
    {
        if (value < MinSize) throw new CliInputException($"{name} must be at least {MinSize} pixels (got {value}).");
    }

    private static double CheckDisplacement(double value)
    {
        if (!(value > 0 && value <= 100))
            throw new CliInputException($"--max-displacement must be in (0, 100] px (got {value.ToString(CultureInfo.InvariantCulture)}).");
        return value;
    }
}
