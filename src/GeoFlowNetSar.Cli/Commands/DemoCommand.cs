using System.CommandLine;
using GeoFlowNetSar.Cli.Estimation;
using GeoFlowNetSar.Cli.Synthesis;
using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Synthesis.Simulation;
using Spectre.Console;

namespace GeoFlowNetSar.Cli.Commands;

/// <summary>
/// `geoflownet demo`: a synthetic earthquake (FaultDeform-SAR: Okada fault with a surface rupture, speckled SAR pair,
/// max |d| = 1 px), every available method run on it through the same code as `estimate`, and the errors against the
/// truth — overall and within 10 px of the rupture.
/// </summary>
public static class DemoCommand
{
    private const int NearFaultRadius = 10;

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
        var methods = methodList is null
            ? EstimatorFactory.Catalog.AvailableNames
            : methodList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new CliInputException($"{folder}: exists and is not empty; choose a new folder (nothing was written).");
        Directory.CreateDirectory(folder);

        string sceneFolder = Path.Combine(folder, "scene");
        var options = new FaultDeformOptions { Fault = new FaultDeformOptions().Fault with { SurfaceRuptureFraction = 1 } };
        Console.WriteLine($"demo: simulating a {size}x{size} earthquake (surface rupture, max |d| = 1 px, seed {seed}) in {sceneFolder}/");
        var scene = SceneRunner.Run(new SceneRequest(sceneFolder, size, size, seed, options, QuickLook: true, BandRows: 256, Threads: 1),
            (_, _) => { }, token);
        Console.WriteLine($"demo: {scene.Mechanism} fault, max |d| {scene.MaxDisplacement:0.###} px; quick-look {Path.Combine(sceneFolder, "quicklook.png")}");

        var (truthDx, truthDy) = (ReadBand(Path.Combine(sceneFolder, "truth.tif"), 1), ReadBand(Path.Combine(sceneFolder, "truth.tif"), 2));
        var near = FaultProximity.NearFault(truthDx, truthDy, size, size, jump: 0.05 * scene.MaxDisplacement, NearFaultRadius);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("method", "window/step", "MAE dx (px)", "MAE dy (px)", $"near-fault MAE (≤{NearFaultRadius} px)", "coverage", "time (s)");
        foreach (var method in methods)
        {
            var (window, step) = DemoSettings(method);
            string result = Path.Combine(folder, $"displacement-{method}.tif");
            var report = EstimateRunner.Run(new EstimateRequest(Path.Combine(sceneFolder, "pre.tif"), Path.Combine(sceneFolder, "post.tif"),
                result, method, window, step, Threads: threads), token);
            var (dx, dy) = (ReadBand(result, 1), ReadBand(result, 2));
            double maeDx = DisplacementMetrics.MeanAbsoluteError(dx, truthDx).Mae;
            double maeDy = DisplacementMetrics.MeanAbsoluteError(dy, truthDy).Mae;
            double nearFault = 0.5 * (DisplacementMetrics.MeanAbsoluteError(dx, truthDx, near).Mae + DisplacementMetrics.MeanAbsoluteError(dy, truthDy, near).Mae);
            table.AddRow(method, $"{window}/{step}", $"{maeDx:F4}", $"{maeDy:F4}", $"{nearFault:F4}",
                $"{DisplacementMetrics.Coverage(dx):P1}", $"{report.Elapsed.TotalSeconds:F1}");
            Console.WriteLine($"{method}: MAE dx = {maeDx:F4} px, MAE dy = {maeDy:F4} px, near-fault MAE = {nearFault:F4} px");
        }
        AnsiConsole.Write(table);
        return ExitCodes.Success;
    }

    // Quick-look settings for a laptop demo; `estimate` defaults are the paper's (frequency 128/2 is slow on 2 cores).
    private static (int Window, int Step) DemoSettings(string method) => method switch
    {
        "frequency" => (64, 4),
        _ => EstimatorFactory.Defaults(method),
    };

    private static float[] ReadBand(string path, int band)
    {
        using var source = GdalAmplitudeSource.Open(path, new AmplitudeReadOptions { Band = band });
        return source.ReadImage().Pixels;
    }
}
