using System.Diagnostics;
using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Grains.Contracts;
using GeoFlowNetSar.Grains.Embedded;
using GeoFlowNetSar.Pipeline.Scenes;

namespace GeoFlowNetSar.Cli.Evaluation;

/// <summary>
/// Makes a method's raster the way `geoflownet run` does — an embedded silo with scene, tile and stitcher grains —
/// so the raster is the stitcher's COG, with its quick-look PNG and report.json beside it.
/// </summary>
public static class EmbeddedRunProducer
{
    public static SceneReport Produce(EvaluationScene scene, MethodSetting method, string raster, int? threads, CancellationToken token)
    {
        var clock = Stopwatch.StartNew();
        var status = EmbeddedCluster.RunAsync(new EmbeddedRunRequest
        {
            Pre = scene.Pre, Post = scene.Post, Output = raster, Method = method.Name, Window = method.Window, Step = method.Step, Threads = threads,
        }, null, token).GetAwaiter().GetResult();
        return status.State switch
        {
            SceneState.Done => new SceneReport(method.Name, status.Width, status.Height, status.TilesTotal, 0, 0, clock.Elapsed),
            SceneState.Cancelled => throw new OperationCanceledException(token),
            _ => throw new CliInputException($"{method.Name} on {scene.Name}: {status.Reason ?? "the scene failed without a reason."}"),
        };
    }
}
