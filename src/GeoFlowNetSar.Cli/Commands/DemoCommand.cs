using System.CommandLine;
using GeoFlowNetSar.Cli.Estimation;
using GeoFlowNetSar.Cli.Examples;
using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Raster.Writing;
using Spectre.Console;

namespace GeoFlowNetSar.Cli.Commands;

/// <summary>
/// `geoflownet demo`: writes an example pair with a known displacement, estimates it with the same code as
/// `estimate`, and prints the error against the truth.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder for pre.tif, post.tif, truth.tif and displacement.tif.", DefaultValueFactory = _ => "out/demo" };
        var size = new Option<int>("--size") { Description = "Image edge in pixels.", DefaultValueFactory = _ => 512 };
        var dx = new Option<double>("--dx") { Description = "True range displacement (px).", DefaultValueFactory = _ => 0.37 };
        var dy = new Option<double>("--dy") { Description = "True azimuth displacement (px).", DefaultValueFactory = _ => -0.23 };
        var seed = new Option<int>("--seed") { Description = "Random seed of the speckle.", DefaultValueFactory = _ => 7 };
        var window = new Option<int>("--window") { Description = "Correlation window (px).", DefaultValueFactory = _ => 64 };
        var step = new Option<int>("--step") { Description = "Grid step (px).", DefaultValueFactory = _ => 8 };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for libtorch (default: all cores)." };

        var command = new Command("demo", "Generate an example SAR pair with a known sub-pixel shift, estimate it, print the error.")
        {
            output, size, dx, dy, seed, window, step, threads,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(CommandRunner.Run(token => Run(
            parse.GetValue(output)!, parse.GetValue(size), parse.GetValue(dx), parse.GetValue(dy), parse.GetValue(seed),
            parse.GetValue(window), parse.GetValue(step), parse.GetValue(threads), token), cancellationToken)));
        return command;
    }

    private static int Run(string folder, int size, double dx, double dy, int seed, int window, int step, int? threads, CancellationToken token)
    {
        Directory.CreateDirectory(folder);
        Console.WriteLine($"demo: writing a {size}x{size} speckle pair displaced by dx = {dx} px, dy = {dy} px to {folder}/");
        var (pre, post) = ShiftedSpecklePair.Create(size, dx, dy, seed);
        string prePath = Path.Combine(folder, "pre.tif"), postPath = Path.Combine(folder, "post.tif");
        GeoTiffWriter.WriteFloat32(prePath, [pre]);
        GeoTiffWriter.WriteFloat32(postPath, [post]);
        var truthDx = Enumerable.Repeat((float)dx, size * size).ToArray();
        var truthDy = Enumerable.Repeat((float)dy, size * size).ToArray();
        GeoTiffWriter.WriteFloat32(Path.Combine(folder, "truth.tif"), size, size, [truthDx, truthDy], descriptions: ["dx", "dy"]);

        string result = Path.Combine(folder, "displacement.tif");
        var report = EstimateRunner.Run(new EstimateRequest(prePath, postPath, result, "frequency", window, step,
            Overwrite: true, Uncertainty: true, Threads: threads), token);
        SceneSummary.Print(report, result);

        using var estimate = GdalAmplitudeSource.Open(result, new AmplitudeReadOptions { Band = 1 });
        using var estimateDy = GdalAmplitudeSource.Open(result, new AmplitudeReadOptions { Band = 2 });
        var (maeDx, n) = DisplacementMetrics.MeanAbsoluteError(estimate.ReadImage().Pixels, truthDx);
        var (maeDy, _) = DisplacementMetrics.MeanAbsoluteError(estimateDy.ReadImage().Pixels, truthDy);
        var table = new Table().Border(TableBorder.Rounded).AddColumns("component", "truth (px)", "MAE (px)", "pixels");
        table.AddRow("dx (range)", $"{dx:F3}", $"{maeDx:F4}", $"{n:N0}");
        table.AddRow("dy (azimuth)", $"{dy:F3}", $"{maeDy:F4}", $"{n:N0}");
        AnsiConsole.Write(table);
        Console.WriteLine($"MAE dx = {maeDx:F4} px, MAE dy = {maeDy:F4} px");
        return ExitCodes.Success;
    }
}
