using System.CommandLine;
using GeoFlowNetSar.Cli.Estimation;
using GeoFlowNetSar.Cli.Sweep;
using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Estimators;
using Spectre.Console;

namespace GeoFlowNetSar.Cli.Commands;

/// <summary>
/// `geoflownet sweep`: one correlator over every window × step on FaultDeform-SAR validation scenes (in memory,
/// through the shared pipeline), scored against the truth; writes sweep-&lt;method&gt;.md and .csv and names the
/// best setting (lowest mean of MAE dx and dy, ties broken by time).
/// </summary>
public static class SweepCommand
{
    public const long DefaultSeedIndex = 900_000_000;

    public static Command Create()
    {
        var method = new Option<string>("--method") { Description = "Method to sweep: frequency, spatial or ampcor.", Required = true };
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
        var tuning = new TuningOptions();

        var command = new Command("sweep", "Score every window × step of one correlator on synthetic validation earthquakes.")
        {
            method, windows, steps, scenes, size, seed, maxWindows, output, threads, budget, minCoverage,
        };
        foreach (var option in tuning.All) command.Options.Add(option);
        command.SetAction((parse, cancellationToken) => Task.FromResult(CommandRunner.Run(token => Run(
            parse.GetValue(method)!, parse.GetValue(windows)!, parse.GetValue(steps)!, parse.GetValue(scenes), parse.GetValue(size),
            parse.GetValue(seed), parse.GetValue(maxWindows), parse.GetValue(output)!, parse.GetValue(threads), parse.GetValue(budget),
            parse.GetValue(minCoverage), tuning.Read(parse), token),
            cancellationToken)));
        return command;
    }

    private static int Run(string method, string windowList, string stepList, int scenes, int size, long seedIndex, long maxWindows,
        string folder, int? threads, double budgetSeconds, double minCoverage, CorrelatorTuning? tuning, CancellationToken token)
    {
        var entry = EstimatorFactory.Catalog.Get(method);
        if (entry.Factory is null || entry.Name is not ("frequency" or "spatial" or "ampcor"))
            throw new CliInputException($"--method '{method}': sweep runs one correlator: frequency, spatial or ampcor.");
        var request = new SweepRequest(entry.Name,
            SweepGrid.ParseList("--windows", windowList, minimum: 8), SweepGrid.ParseList("--steps", stepList, minimum: 1),
            scenes, size, seedIndex, maxWindows, threads, budgetSeconds, tuning, minCoverage);
        if (!(minCoverage is >= 0 and <= 1)) throw new CliInputException($"--min-coverage must be in [0, 1] (got {minCoverage}).");
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

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("window", "step", "status", "MAE dx (px)", "MAE dy (px)", "mean MAE (px)",
                $"near-fault MAE (≤{SweepRunner.NearFaultRadius} px)", "coverage", "s/Mpx");
        var best = SweepGrid.Best(rows, minCoverage);
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
        Console.WriteLine(SweepReportWriter.BestLine(best, minCoverage).Replace("**", ""));
        Console.WriteLine($"sweep: wrote {markdown} and {csv}");
        return ExitCodes.Success;
    }
}
