using System.CommandLine;
using GeoFlowNetSar.Cli.Estimation;
using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Grains.Contracts;
using GeoFlowNetSar.Grains.Embedded;
using Spectre.Console;

namespace GeoFlowNetSar.Cli.Commands;

/// <summary>
/// `geoflownet run`: the cluster code path (scene grain → tile grains → stitcher grain, blobs) on one embedded silo
/// with both roles; writes the mosaic as a Cloud-Optimized GeoTIFF with a quick-look PNG and a JSON report beside it.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var pre = new Option<string>("--pre") { Description = "PRE (before) image (a single-file raster such as GeoTIFF).", Required = true };
        var post = new Option<string>("--post") { Description = "POST (after) image, same size as PRE.", Required = true };
        var output = new Option<string>("--out") { Description = "Output COG: band 1 dx, band 2 dy; OUT.quicklook.png and OUT.report.json beside it.", Required = true };
        var method = new Option<string>("--method") { Description = "Estimation method.", DefaultValueFactory = _ => "frequency" };
        method.AcceptOnlyFromAmong(EstimatorFactory.Methods);
        var window = new Option<int?>("--window") { Description = "Window edge in pixels (default: the method's)." };
        var step = new Option<int?>("--step") { Description = "Grid step in pixels (default: the method's)." };
        var uncertainty = new Option<bool>("--uncertainty") { Description = "Also write sigma_dx, sigma_dy." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing output file." };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for libtorch (default: all cores)." };
        var coarse = CoarseOption.Create();
        var flipAverage = FlipAverageOption.Create();
        var precision = PrecisionOption.Create();

        var command = new Command("run", "Run a scene through the cluster code path on an embedded silo (scene, tile and stitcher grains).")
        {
            pre, post, output, method, window, step, uncertainty, overwrite, threads, coarse, flipAverage, precision,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(CommandRunner.Run(token =>
        {
            string target = OutputPathGuard.Check(parse.GetValue(output)!, parse.GetValue(overwrite));
            var request = new EmbeddedRunRequest
            {
                Pre = parse.GetValue(pre)!,
                Post = parse.GetValue(post)!,
                Output = target,
                Method = parse.GetValue(method)!,
                Window = parse.GetValue(window),
                Step = parse.GetValue(step),
                Uncertainty = parse.GetValue(uncertainty),
                Threads = parse.GetValue(threads),
                Coarse = parse.GetValue(coarse)!,
                FlipAverage = FlipAverageOption.IsOn(parse.GetValue(flipAverage)),
                Precision = parse.GetValue(precision),
            };
            var status = RunWithProgress(request, token);
            return status.State switch
            {
                SceneState.Done => Done(status, target),
                SceneState.Cancelled => ExitCodes.Cancelled,
                _ => throw new CliInputException(status.Reason ?? "the scene failed without a reason."),
            };
        }, cancellationToken)));
        return command;
    }

    private static SceneStatus RunWithProgress(EmbeddedRunRequest request, CancellationToken token)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
            return EmbeddedCluster.RunAsync(request, null, token).GetAwaiter().GetResult();
        SceneStatus? final = null;
        AnsiConsole.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask($"{request.Method} tiles", maxValue: 1);
                var progress = new Progress<SceneStatus>(s =>
                {
                    task.MaxValue = Math.Max(1, s.TilesTotal);
                    task.Value = s.TilesDone;
                    task.Description = $"{request.Method} {s.State} {s.MegapixelsPerSecond:F2} Mpx/s";
                });
                final = EmbeddedCluster.RunAsync(request, progress, token).GetAwaiter().GetResult();
                task.Value = task.MaxValue;
            });
        return final!;
    }

    private static int Done(SceneStatus status, string target)
    {
        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumns("", "");
        table.AddRow("method", status.Method ?? "?");
        table.AddRow("size", $"{status.Width} x {status.Height}");
        table.AddRow("tiles", $"{status.TilesTotal} ({status.TilesReused} reused, {status.TileRetries} retried)");
        table.AddRow("tiles per silo", string.Join(", ", status.TilesPerSilo.Select(kv => $"{kv.Key}: {kv.Value}")));
        table.AddRow("output", Markup.Escape(target));
        AnsiConsole.Write(table);
        return ExitCodes.Success;
    }
}
