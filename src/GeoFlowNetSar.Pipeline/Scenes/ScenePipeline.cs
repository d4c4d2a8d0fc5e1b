using System.Diagnostics;
using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Core.Tiling;
using GeoFlowNetSar.Pipeline.Chunks;
using GeoFlowNetSar.Pipeline.Stitching;

namespace GeoFlowNetSar.Pipeline.Scenes;

/// <summary>
/// The embedded run: chunk by chunk, row of chunks by row of chunks, through <see cref="ChunkProcessor"/> and
/// <see cref="StreamingMosaic"/> — the same two pieces the cluster's tile and stitcher grains use. The scene
/// never sits whole in memory.
/// </summary>
public static class ScenePipeline
{
    public static ChunkPlan Plan(IAmplitudeSource pre, IAmplitudeSource post, IDisplacementEstimator estimator, int chunkSize)
    {
        SceneValidation.EnsureCompatible(pre, post, estimator);
        return new ChunkPlan(new WindowGrid(pre.Width, pre.Height, estimator.WindowSize, estimator.Step), estimator.Footprint, chunkSize);
    }

    public static SceneReport Run(
        IAmplitudeSource pre, IAmplitudeSource post, IDisplacementEstimator estimator, IDisplacementSink sink,
        SceneOptions options, IProgress<SceneProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var plan = Plan(pre, post, estimator, options.ChunkSizeFor(pre.Width, estimator.WindowSize));
        var mosaic = new StreamingMosaic(plan, sink, options.Mosaic);
        long windows = 0, missing = 0;
        var estimating = TimeSpan.Zero;
        int chunksDone = 0;
        foreach (var chunk in plan.Chunks)
        {
            var result = ChunkProcessor.Process(plan, chunk, pre, post, estimator, cancellationToken);
            mosaic.Add(result);
            windows += result.Windows;
            missing += result.WindowsWithoutEstimate;
            estimating += result.Estimating;
            chunksDone++;
            progress?.Report(new SceneProgress(windows, plan.Grid.Count, chunksDone, plan.Chunks.Count));
            if (chunk.ChunkColumn == plan.ChunkColumns - 1)
                mosaic.CompleteChunkRow(chunk.ChunkRow);
        }
        mosaic.Finish();
        return new SceneReport(estimator.Method, pre.Width, pre.Height, plan.Chunks.Count, windows, missing, clock.Elapsed, estimating);
    }
}
