using System.CommandLine;
using System.Diagnostics;
using GeoFlowNetSar.Cli.Evaluation;
using GeoFlowNetSar.Cli.Synthesis;
using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Synthesis.Simulation;
using Spectre.Console;

namespace GeoFlowNetSar.Cli.Commands;

/// <summary>
/// `geoflownet demo`: a synthetic earthquake (FaultDeform-SAR: Okada fault with a surface rupture, speckled SAR pair,
/// max |d| = 1 px), every available method run on it through the same code as `estimate`, and the errors against the
/// truth — overall and within 10 px of the rupture — printed, and written as the `evaluate` report (report.md, maps, profiles).
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "New folder for the scene (scene/) and one displacement GeoTIFF per method.", DefaultValueFactory = _ => "out/demo" };
        var size = new Option<int>("--size") { Description = "Scene edge in pixels.", DefaultValueFactory = _ => 512 };
        var seed = new Option<long>("--seed") { Description = "Seed of the synthetic earthquake.", DefaultValueFactory = _ => 3 };
        var methods = new Option<string>("--methods") { Description = "Comma-separated methods; default: every available one (U-Net only with shipped weights)." };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for libtorch (default: all cores)." };

        var command = new Command("demo", "Simulate an earthquake, estimate its displacement with every method, print the errors against the truth.")
        {
            output, size, seed, methods, threads,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(CommandRunner.Run(token => Run(
            parse.GetValue(output)!, parse.GetValue(size), parse.GetValue(seed), parse.GetValue(methods), parse.GetValue(threads), token),
            cancellationToken)));
        return command;
    }

    private static int Run(string folder, int size, long seed, string? methodList, int? threads, CancellationToken token)
    {
        var names = methodList?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // Quick-look settings for a laptop demo: the paper's, with frequency at 64/4 (128/2 is slow on 2 cores); `evaluate`
        // defaults to the best sweep settings instead.
        string settings = names is null || names.Contains("frequency", StringComparer.OrdinalIgnoreCase) ? "paper,frequency=64/4" : "paper";
        var (catalog, methods) = EvaluationMethods.Resolve(methodList, settings, modelPath: null);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new CliInputException($"{folder}: exists and is not empty; choose a new folder (nothing was written).");
        Directory.CreateDirectory(folder);
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();

        string sceneFolder = Path.Combine(folder, "scene");
        var options = new FaultDeformOptions { Fault = new FaultDeformOptions().Fault with { SurfaceRuptureFraction = 1 } };
        Console.WriteLine($"demo: simulating a {size}x{size} earthquake (surface rupture, max |d| = 1 px, seed {seed}) in {sceneFolder}/");
        var simulated = SceneRunner.Run(new SceneRequest(sceneFolder, size, size, seed, options, QuickLook: true, BandRows: 256, Threads: 1),
            (_, _) => { }, token);
        Console.WriteLine($"demo: {simulated.Mechanism} fault, max |d| {simulated.MaxDisplacement:0.###} px; quick-look {Path.Combine(sceneFolder, "quicklook.png")}");
        foreach (var m in methods.Where(m => !m.Available))
            CommandRunner.Warn($"{m.Name}: not run — {m.Unavailable}.");

        var scene = new EvaluationScene("demo", Path.Combine(sceneFolder, "pre.tif"), Path.Combine(sceneFolder, "post.tif"), Path.Combine(sceneFolder, "truth.tif"),
            SceneRole.Scored, folder, $"FaultDeform-SAR demo earthquake {size}x{size}, seed {seed}, {simulated.Mechanism}, surface rupture, max |d| {simulated.MaxDisplacement:0.###} px",
            new Dictionary<string, string>());
        // Every method runs as `geoflownet run` does (embedded silo: scene, tile and stitcher grains), so the folder holds
        // each method's COG with its quick-look and report.json; the report then scores those rasters.
        var (results, figure) = EvaluationRunner.Run([scene], methods, catalog, threads, 0, Console.WriteLine, token, EmbeddedRunProducer.Produce);
        var evaluation = new EvaluationResults(methods, results, started, clock.Elapsed, $"geoflownet demo --size {size} --seed {seed}", TimingNote: null);
        EvaluationReport.Write(folder, evaluation, figure);

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("method", "window/step", "MAE dx (px)", "MAE dy (px)", $"near-fault MAE (≤{FaultProximity.DefaultRadius} px)", "coverage", "time (s)");
        foreach (var run in results[0].Runs)
        {
            var method = methods.Single(m => m.Name == run.Method);
            table.AddRow(run.Method, method.Setting, Format.Px(run.Score!.MaeDx), Format.Px(run.Score.MaeDy), Format.Px(run.Score.NearFaultMae),
                Format.Percent(run.Coverage), Format.F(run.Seconds, "F1"));
            Console.WriteLine($"{run.Method}: MAE dx = {Format.Px(run.Score.MaeDx)} px, MAE dy = {Format.Px(run.Score.MaeDy)} px, near-fault MAE = {Format.Px(run.Score.NearFaultMae)} px");
        }
        AnsiConsole.Write(table);
        Console.WriteLine($"demo: report with maps and profiles: {Path.Combine(folder, "report.md")}");
        return ExitCodes.Success;
    }
}
