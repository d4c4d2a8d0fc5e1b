using System.CommandLine;
using GeoFlowNetSar.Cli.Estimation;
using GeoFlowNetSar.Cli.Settings;
using GeoFlowNetSar.Cli.Sweep;
using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Estimators;
using Spectre.Console;

namespace GeoFlowNetSar.Cli.Commands;

/// <summary>
/// `geoflownet sweep`: one correlator over every window × step on FaultDeform-SAR validation scenes (in memory,
/// through the shared pipeline), scored against the truth; writes sweep-&lt;method&gt;.md and .csv, names the
/// best setting (<see cref="SweepGrid.Best"/>: the cheapest within a tolerance of the lowest mean of MAE dx and dy) and
/// writes it as best-&lt;method&gt;.json (merged into --best-file when given), which `evaluate` reads.
/// The U-Net can be swept too (over its stride: --windows 256 --steps 128,64).
/// </summary>
public static class SweepCommand
{
    public const long DefaultSeedIndex = 900_000_000;

    public static Command Create()
    {
        var method = new Option<string>("--method") { Description = "Method to sweep: frequency, spatial, ampcor, or unet (its stride: --windows 256 --steps 128,64).", Required = true };
        var windows = new Option<string>("--windows") { Description = "Comma-separated window sizes (px).", DefaultValueFactory = _ => "32,64,128,256" };
        var steps = new Option<string>("--steps") { Description = "Comma-separated steps (px).", DefaultValueFactory = _ => "1,2,4,8,16" };
        var scenes = new Option<int>("--scenes") { Description = "Number of validation scenes.", DefaultValueFactory = _ => 4 };
        var size = new Option<int>("--size") { Description = "Scene edge in pixels.", DefaultValueFactory = _ => 512 };
        var seed = new Option<long>("--seed")
        {
            Description = "Index of the first scene in the validation seed range (seed = 2^62 + index, never used for training).",
            DefaultValueFactory = _ => DefaultSeedIndex,
        };
        var maxWindows = new Option<long>("--max-windows") { Description = "Skip settings with more windows than this per scene.", DefaultValueFactory = _ => 50_000 };
        var output = new Option<string>("--out") { Description = "New (or empty) folder for sweep-<method>.md and .csv.", Required = true };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for libtorch (default: all cores)." };
        var budget = new Option<double>("--budget")
        {
            Description = "Skip settings whose predicted time on all scenes exceeds this many seconds (seconds per window, " +
                          "measured on one batch per window size, × windows); 0 = no time budget.",
            DefaultValueFactory = _ => 0,
        };
        var minCoverage = new Option<double>("--min-coverage")
        {
            Description = "Only settings that estimate at least this fraction of the pixels can be named best (0..1).",
            DefaultValueFactory = _ => SweepRequest.DefaultMinCoverage,
        };
        var tolerance = new Option<double>("--tolerance")
        {
            Description = "Settings within this many px of the lowest mean MAE count as equally good; the cheapest of them is named best.",
            DefaultValueFactory = _ => SweepRequest.DefaultTolerance,
        };
        var bestFile = new Option<string?>("--best-file")
        {
            Description = $"Also merge the best setting into this best-settings file (e.g. {BestSettingsFile.RepositoryPath}, which evaluate reads), replacing this method's entry.",
        };
        var model = new Option<string?>("--model") { Description = "U-Net weights (.gfnw) for --method unet instead of the shipped ones." };
        var tuning = new TuningOptions();

        var command = new Command("sweep", "Score every window × step of one method on synthetic validation earthquakes; name and record the best.")
        {
            method, windows, steps, scenes, size, seed, maxWindows, output, threads, budget, minCoverage, tolerance, bestFile, model,
        };
        foreach (var option in tuning.All) command.Options.Add(option);
        command.SetAction((parse, cancellationToken) => Task.FromResult(CommandRunner.Run(token => Run(
            parse.GetValue(method)!, parse.GetValue(windows)!, parse.GetValue(steps)!, parse.GetValue(scenes), parse.GetValue(size),
            parse.GetValue(seed), parse.GetValue(maxWindows), parse.GetValue(output)!, parse.GetValue(threads), parse.GetValue(budget),
            parse.GetValue(minCoverage), parse.GetValue(tolerance), parse.GetValue(bestFile), parse.GetValue(model), tuning.Read(parse), token),
            cancellationToken)));
        return command;
    }

    private static int Run(string method, string windowList, string stepList, int scenes, int size, long seedIndex, long maxWindows,
        string folder, int? threads, double budgetSeconds, double minCoverage, double tolerance, string? bestFile, string? modelPath,
        CorrelatorTuning? tuning, CancellationToken token)
    {
        var started = DateTime.UtcNow;
        var catalog = EstimatorFactory.Catalog;
        if (modelPath is not null)
        {
            if (!File.Exists(modelPath)) throw new CliInputException($"{modelPath}: --model: the weights file does not exist.");
            catalog = catalog.With(ShippedModel.Method(modelPath));
        }
        var entry = catalog.Get(method);
        if (entry.Name is not ("frequency" or "spatial" or "ampcor" or "unet"))
            throw new CliInputException($"--method '{method}': sweep runs one of frequency, spatial, ampcor or unet.");
        if (entry.Factory is null)
            throw new CliInputException($"--method {entry.Name}: not available here (for unet: no weights at {ShippedModel.DefaultPath}; pass --model PATH.gfnw).");
        if (modelPath is not null && entry.Name != "unet") throw new CliInputException("--model goes with --method unet.");
        var request = new SweepRequest(entry.Name,
            SweepGrid.ParseList("--windows", windowList, minimum: 8), SweepGrid.ParseList("--steps", stepList, minimum: 1),
            scenes, size, seedIndex, maxWindows, threads, budgetSeconds, tuning, minCoverage, tolerance, catalog);
        if (!(minCoverage is >= 0 and <= 1)) throw new CliInputException($"--min-coverage must be in [0, 1] (got {minCoverage}).");
        if (!(tolerance >= 0 && double.IsFinite(tolerance))) throw new CliInputException($"--tolerance must be a number of px ≥ 0 (got {tolerance}).");
        if (bestFile is not null && File.Exists(bestFile)) BestSettingsFile.Read(bestFile);
        TuningOptions.CheckApplies(entry.Name, tuning);
        if (!(budgetSeconds >= 0 && double.IsFinite(budgetSeconds)))
            throw new CliInputException($"--budget must be a number of seconds ≥ 0 (got {budgetSeconds}).");
        if (scenes < 1) throw new CliInputException($"--scenes must be at least 1 (got {scenes}).");
        if (size < 32) throw new CliInputException($"--size must be at least 32 pixels (got {size}).");
        if (seedIndex < 0) throw new CliInputException($"--seed must be a non-negative index (got {seedIndex}).");
        if (maxWindows < 1) throw new CliInputException($"--max-windows must be at least 1 (got {maxWindows}).");
        if (threads is < 1) throw new CliInputException($"--threads must be at least 1 (got {threads}).");
        if (File.Exists(folder) || (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()))
            throw new CliInputException($"{folder}: exists and is not empty; choose a new folder (nothing was written).");

        var plan = SweepRunner.Plan(request);
        var seeds = Enumerable.Range(0, scenes).Select(i => SweepRunner.SceneSeed(seedIndex, i)).ToArray();
        var sceneData = SweepRunner.Simulate(request);
        if (plan.Any(p => p.Skip is null)) SweepRunner.WarmUp(request, sceneData[0], token);
        plan = SweepRunner.ApplyBudget(request, plan, sceneData[0], token);
        Console.WriteLine($"sweep: {request.Method}, {plan.Count} settings ({plan.Count(p => p.Skip is null)} to run) on {scenes} " +
                          $"validation scene(s) {size}x{size} (seeds 2^62 + {seedIndex}..{seedIndex + scenes - 1})" +
                          (budgetSeconds > 0 ? $", budget {SweepRunner.Seconds(budgetSeconds)} s per setting" : ""));

        var rows = new List<SweepRow>();
        long total = plan.Where(p => p.Skip is null).Sum(p => p.Windows * scenes);
        void RunAll(Action<string> describe, Action<long> advance)
        {
            foreach (var (window, step, windowCount, skip) in plan)
            {
                if (skip is not null)
                {
                    rows.Add(SweepRow.Skip(window, step, windowCount, skip));
                    continue;
                }
                describe($"{request.Method} {window}/{step}");
                var row = SweepRunner.Run(request, window, step, windowCount, sceneData, advance, token);
                rows.Add(row);
                if (!AnsiConsole.Profile.Capabilities.Interactive)
                    Console.WriteLine($"sweep: window {window} step {step}: MAE dx {SweepReportWriter.F(row.MaeDx)} dy {SweepReportWriter.F(row.MaeDy)} px, " +
                                      $"{SweepReportWriter.F(row.SecondsPerMegapixel, "F2")} s/Mpx");
            }
        }

        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(context =>
                {
                    var task = context.AddTask(Markup.Escape($"sweep {request.Method}"), maxValue: Math.Max(1, total));
                    RunAll(d => task.Description = Markup.Escape($"sweep {d}"), n => task.Increment(n));
                    task.Value = task.MaxValue;
                });
        }
        else
        {
            RunAll(_ => { }, _ => { });
        }

        Directory.CreateDirectory(folder);
        var (markdown, csv) = SweepReportWriter.Write(folder, request, rows, seeds);
        var best = SweepGrid.Best(rows, minCoverage, tolerance);
        string? bestJson = null;
        if (best is not null)
        {
            var setting = SweepReportWriter.BestSetting(request, rows, best, seeds, CommandLine(), started);
            bestJson = Path.Combine(folder, $"best-{request.Method}.json");
            BestSettingsFile.Write(bestJson, [setting]);
            if (bestFile is not null) BestSettingsFile.Merge(bestFile, setting);
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("window", "step", "status", "MAE dx (px)", "MAE dy (px)", "mean MAE (px)",
                $"near-fault MAE (≤{SweepRunner.NearFaultRadius} px)", "coverage", "s/Mpx");
        foreach (var r in rows)
        {
            string mark = ReferenceEquals(r, best) ? "[green]" : "";
            string end = mark.Length > 0 ? "[/]" : "";
            table.AddRow($"{mark}{r.Window}{end}", $"{mark}{r.Step}{end}", Markup.Escape(r.Status),
                SweepReportWriter.F(r.MaeDx), SweepReportWriter.F(r.MaeDy), $"{mark}{SweepReportWriter.F(r.MeanMae)}{end}",
                SweepReportWriter.F(r.NearFaultMae), double.IsFinite(r.Coverage) ? $"{r.Coverage:P1}" : "n/a",
                SweepReportWriter.F(r.SecondsPerMegapixel, "F2"));
        }
        AnsiConsole.Write(table);
        Console.WriteLine(SweepReportWriter.BestLine(best, minCoverage, tolerance).Replace("**", ""));
        Console.WriteLine($"sweep: wrote {markdown}, {csv}{(bestJson is null ? "" : $" and {bestJson}")}" +
                          (best is not null && bestFile is not null ? $"; {request.Method} entry of {bestFile} set to {best.Window}/{best.Step}" : ""));
        return ExitCodes.Success;
    }

    private static string CommandLine() =>
        "geoflownet " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Select(a => a.Contains(' ') ? $"\"{a}\"" : a));
}
