using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GeoFlowNetSar.Cli.Evaluation;
using GeoFlowNetSar.Cli.Synthesis;
using GeoFlowNetSar.Cli.Terminal;
using Spectre.Console;

namespace GeoFlowNetSar.Cli.Commands;

/// <summary>
/// `geoflownet evaluate`: the paper's evaluation (Section IV) for this build — every available method on synthetic
/// FaultDeform-SAR validation scenes (or the user's scene folders, or a PRE/POST pair with or without truth), written
/// as report.md (Table I, controls, per-scene errors, Fig. 5, Fig. 6, Table II), results.json and PNGs in a new folder.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "New (or empty) folder for report.md, results.json, the PNGs, and every scene's displacement GeoTIFFs.", Required = true };
        // 12, not 3: the U-Net's azimuth error relative to the best correlator ranges 0.36–1.69× from scene to scene, so a
        // three-scene ratio moves by ±0.2 between draws — too coarse to judge a 0.7× bar (models/README.md).
        var scenes = new Option<int>("--scenes") { Description = "Number of synthetic validation scenes (with a surface rupture, max |d| = 1 px).", DefaultValueFactory = _ => 12 };
        var size = new Option<int>("--size") { Description = "Edge of the synthetic scenes in pixels (the paper: 1024).", DefaultValueFactory = _ => 1024 };
        var seed = new Option<long>("--seed")
        {
            Description = "Index of the first synthetic scene in the validation seed range (seed = 2^62 + index; never trained on, apart from the sweep's scenes).",
            DefaultValueFactory = _ => SyntheticValidationSet.DefaultSeedIndex,
        };
        var coherence = new Option<string>("--coherence") { Description = "Coherence levels, cycled over the synthetic scenes.", DefaultValueFactory = _ => string.Join(',', SyntheticValidationSet.DefaultCoherences.Select(c => c.ToString(CultureInfo.InvariantCulture))) };
        var noControls = new Option<bool>("--no-controls") { Description = "Skip the controls: the first scene with 2x-oversampled detection, and a pair without deformation." };
        var sceneDirs = new Option<string[]>("--scene") { Description = "A scene folder with pre.tif, post.tif and (optional) truth.tif, e.g. from `synth scene`; repeatable. Replaces the synthetic set.", AllowMultipleArgumentsPerToken = false };
        var pre = new Option<string?>("--pre") { Description = "PRE image of a pair (any raster GDAL opens). Replaces the synthetic set." };
        var post = new Option<string?>("--post") { Description = "POST image of the pair, same size as PRE." };
        var truth = new Option<string?>("--truth") { Description = "True displacement of the pair (band 1 dx, band 2 dy, px), when known." };
        var methods = new Option<string?>("--methods") { Description = "Comma-separated methods; default: every method (unavailable ones are listed with the reason)." };
        var settings = new Option<string?>("--settings")
        {
            Description = "Window/step per method: 'best' (default: each method's best sweep setting, docs/sweeps/best-settings.json as built in), " +
                          "'paper' (the paper's settings), and/or METHOD=WINDOW/STEP overrides, e.g. paper,frequency=64/4.",
        };
        var bestSettings = new Option<string?>("--best-settings") { Description = "A best-settings.json (from `geoflownet sweep --best-file`) to take the best settings from instead of the built-in one." };
        var swath = new Option<bool>("--swath") { Description = "Also run every method on one 9514x24418 FaultDeform-SAR swath (streamed) and add its wall time and peak memory to Table II." };
        var swathBudget = new Option<double>("--swath-budget")
        {
            Description = "Skip (and say so in Table II) a method whose predicted swath time (its s/Mpx in this run × the swath's Mpx) exceeds this many minutes.",
            DefaultValueFactory = _ => SwathRequest.DefaultBudgetMinutes,
        };
        var swathSize = new Option<string>("--swath-size")
        {
            Description = "Swath WIDTHxHEIGHT (for tests).",
            DefaultValueFactory = _ => $"{SwathRequest.PaperWidth}x{SwathRequest.PaperHeight}",
            Hidden = true,
        };
        var model = new Option<string?>("--model") { Description = "U-Net weights (.gfnw) to evaluate instead of the shipped ones." };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for libtorch (default: all cores)." };
        var timingNote = new Option<string?>("--timing-note") { Description = "A sentence printed with Table II (e.g. what else loaded the machine)." };
        var note = new Option<string?>("--note") { Description = "A sentence printed at the top of the report (provenance, caveats)." };

        var command = new Command("evaluate", "Run every method on validation scenes (or your own) and write the paper-style report: tables, maps, profiles, runtimes.")
        {
            output, scenes, size, seed, coherence, noControls, sceneDirs, pre, post, truth, methods, settings, bestSettings, model, threads,
            swath, swathBudget, swathSize, timingNote, note,
        };
        // Asynchronous action: Ctrl+C / SIGTERM then cancel the token and the run removes its partial folder before the
        // process ends (a synchronous action is ended at once, leaving the hidden work folder behind).
        command.SetAction((parse, cancellationToken) => Task.Run(() => CommandRunner.Run(token =>
        {
            var request = new EvaluateRequest(parse.GetValue(output)!, parse.GetValue(scenes), parse.GetValue(size), parse.GetValue(seed),
                parse.GetValue(coherence)!, !parse.GetValue(noControls), parse.GetValue(sceneDirs) ?? [], parse.GetValue(pre), parse.GetValue(post),
                parse.GetValue(truth), parse.GetValue(methods), parse.GetValue(settings), parse.GetValue(bestSettings), parse.GetValue(model), parse.GetValue(threads),
                parse.GetValue(swath), parse.GetValue(swathBudget), parse.GetValue(swathSize)!, parse.GetValue(timingNote), parse.GetValue(note));
            return Run(request, token);
        }, cancellationToken), cancellationToken));
        return command;
    }

    private sealed record EvaluateRequest(string Output, int Scenes, int Size, long SeedIndex, string Coherence, bool Controls,
        string[] SceneFolders, string? Pre, string? Post, string? Truth, string? Methods, string? Settings, string? BestSettings, string? Model, int? Threads,
        bool Swath, double SwathBudgetMinutes, string SwathSize, string? TimingNote, string? Note);

    private static int Run(EvaluateRequest request, CancellationToken token)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var userScenes = CheckUserInputs(request);
        var coherences = userScenes is null ? ParseCoherences(request.Coherence) : [];
        if (userScenes is null)
        {
            if (request.Scenes < 1) throw new CliInputException($"--scenes must be at least 1 (got {request.Scenes}).");
            if (request.Size < 64) throw new CliInputException($"--size must be at least 64 pixels (got {request.Size}).");
            if (request.SeedIndex < 0) throw new CliInputException($"--seed must be a non-negative index (got {request.SeedIndex}).");
        }
        if (request.Threads is < 1) throw new CliInputException($"--threads must be at least 1 (got {request.Threads}).");
        var (swathWidth, swathHeight) = SwathRequest.ParseSize(request.SwathSize);
        if (!(request.SwathBudgetMinutes > 0 && double.IsFinite(request.SwathBudgetMinutes)))
            throw new CliInputException($"--swath-budget must be a positive number of minutes (got {request.SwathBudgetMinutes}).");
        var (catalog, methods) = EvaluationMethods.Resolve(request.Methods, request.Settings, request.Model, request.BestSettings);
        int smallest = userScenes?.Min(s => Math.Min(s.Width, s.Height)) ?? request.Size;
        foreach (var m in methods.Where(m => m.Available && m.Window > smallest))
            throw new CliInputException($"{m.Name}: window {m.Window} is larger than the smallest scene ({smallest} px); give a smaller one with --settings {m.Name}=WINDOW/STEP.");

        using var folder = OutputFolder.Create(request.Output);
        foreach (var m in methods.Where(m => !m.Available))
            CommandRunner.Warn($"{m.Name}: not evaluated — {m.Unavailable}.");

        IReadOnlyList<EvaluationScene> sceneList;
        string scenesRoot = folder.File("scenes");
        if (userScenes is null)
        {
            Console.WriteLine($"evaluate: simulating {request.Scenes} FaultDeform-SAR validation scene(s) {request.Size}x{request.Size}" +
                              $"{(request.Controls ? " + 2 controls" : "")} (seeds 2^62 + {request.SeedIndex}…)");
            sceneList = SyntheticValidationSet.Write(scenesRoot, new SyntheticSetRequest(request.Scenes, request.Size, request.SeedIndex, coherences, request.Controls), token);
        }
        else
        {
            sceneList = userScenes.Select(s => s.Scene with { Folder = Path.Combine(scenesRoot, s.Scene.Name) }).ToList();
            foreach (var s in sceneList) Directory.CreateDirectory(s.Folder);
        }

        int figureIndex = Math.Max(0, sceneList.ToList().FindIndex(s => s.Role == SceneRole.Scored));
        var (results, figure) = EvaluationRunner.Run(sceneList, methods, catalog, request.Threads, figureIndex, Console.WriteLine, token);
        var evaluation = new EvaluationResults(methods, results, started, clock.Elapsed, CommandLine(), request.TimingNote, request.Note);
        if (request.Swath)
        {
            var swathRequest = new SwathRequest(swathWidth, swathHeight, request.SeedIndex + request.Scenes + 1,
                coherences.Count > 0 ? coherences[0] : 0.9, request.SwathBudgetMinutes);
            var swathResult = SwathEvaluation.Run(folder.File("swath"), swathRequest, methods, catalog, request.Threads,
                evaluation.MedianSecondsPerMegapixel, Console.WriteLine, token);
            evaluation = evaluation with { Swath = swathResult };
        }
        var tables = EvaluationReport.Write(folder.WorkPath, evaluation with { Elapsed = clock.Elapsed }, figure);
        folder.Commit();

        Print(tables);
        Console.WriteLine($"evaluate: wrote {Path.Combine(folder.FinalPath, "report.md")}, results.json and the figures in {clock.Elapsed.TotalMinutes:F1} min");
        return ExitCodes.Success;
    }

    private sealed record UserScene(EvaluationScene Scene, int Width, int Height);

    /// <summary>The user's scenes, checked before anything is written; null when the synthetic set is wanted.</summary>
    private static List<UserScene>? CheckUserInputs(EvaluateRequest request)
    {
        bool pair = request.Pre is not null || request.Post is not null;
        if (request.Truth is not null && !pair) throw new CliInputException("--truth goes with --pre and --post.");
        if (pair && (request.Pre is null || request.Post is null)) throw new CliInputException("--pre and --post go together; give both.");
        if (pair && request.SceneFolders.Length > 0) throw new CliInputException("give either --scene folders or a --pre/--post pair, not both.");
        var scenes = new List<UserScene>();
        if (pair)
            scenes.Add(UserSceneOf("pair", request.Pre!, request.Post!, request.Truth, $"pair {request.Pre} → {request.Post}"));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dir in request.SceneFolders)
        {
            if (!Directory.Exists(dir)) throw new CliInputException($"{dir}: --scene: the folder does not exist.");
            string truth = Path.Combine(dir, "truth.tif");
            string name = Path.GetFileName(Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar));
            while (!names.Add(name)) name += "-2";
            scenes.Add(UserSceneOf(name, Path.Combine(dir, "pre.tif"), Path.Combine(dir, "post.tif"), File.Exists(truth) ? truth : null, $"scene folder {dir}"));
        }
        return scenes.Count == 0 ? null : scenes;
    }

    private static UserScene UserSceneOf(string name, string pre, string post, string? truth, string description)
    {
        var (width, height) = SceneInputCheck.Check(pre, post, truth);
        var role = SceneRole.Unscored;
        if (truth is not null)
        {
            var field = DisplacementRaster.Read(truth);
            bool still = field.Dx.All(v => !float.IsFinite(v) || v == 0) && field.Dy.All(v => !float.IsFinite(v) || v == 0);
            role = still ? SceneRole.Still : SceneRole.Scored;
        }
        var scene = new EvaluationScene(name, Path.GetFullPath(pre), Path.GetFullPath(post), truth is null ? null : Path.GetFullPath(truth), role, "",
            $"{description}, {width}x{height}{(truth is null ? ", no truth" : "")}", new Dictionary<string, string>());
        return new UserScene(scene, width, height);
    }

    private static List<double> ParseCoherences(string text)
    {
        var values = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value is > 0 and <= 1))
                throw new CliInputException($"--coherence '{text}': expected comma-separated values in (0, 1] (bad value '{part}').");
            values.Add(value);
        }
        if (values.Count == 0) throw new CliInputException("--coherence: give at least one level.");
        return values;
    }

    private static string CommandLine() =>
        "geoflownet " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Select(a => a.Contains(' ') ? $"\"{a}\"" : a));

    private static void Print(EvaluationTables tables)
    {
        if (tables.TableI.Count == 0) return;
        var table = new Table().Border(TableBorder.Rounded).Title("Table I (pooled over the scored scenes)")
            .AddColumns("method", "window/step", "MAE dx (px)", "MAE dy (px)", "near-fault MAE", "far-field MAE", "false motion", "coverage");
        foreach (var r in tables.TableI)
            table.AddRow(r.Method.Name, r.Method.Setting, Format.Px(r.MaeDx), Format.Px(r.MaeDy), Format.Px(r.NearFaultMae),
                Format.Px(r.FarFieldMae), Format.Px(r.FalseMotion), Format.Percent(r.Coverage));
        AnsiConsole.Write(table);
    }
}
