using GeoFlowNetSar.Core.Accumulation;
using GeoFlowNetSar.Core.Tiling;
using GeoFlowNetSar.Grains.Contracts;
using GeoFlowNetSar.Grains.Hosting;
using GeoFlowNetSar.Pipeline.Chunks;
using GeoFlowNetSar.Pipeline.Stitching;
using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Raster.Writing;
using GeoFlowNetSar.Storage;
using Microsoft.Extensions.Logging;

namespace GeoFlowNetSar.Grains.Services;

/// <summary>
/// The stitcher's work off the grain scheduler: accumulators, chunk by chunk in index order (a few downloaded ahead),
/// into the same <see cref="StreamingMosaic"/> the embedded run uses, written to a local GeoTIFF, plus the quick-look.
/// </summary>
public static class MosaicWriter
{
    // Returns why no quick-look was drawn, or null when it was.
    public static async Task<string?> WriteAsync(
        IBlobStore store, StitchWork work, ChunkPlan plan, RasterInfo? georeference, string mosaicPath, string quickLookPath,
        GeoFlowSiloOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var mosaicOptions = new MosaicOptions(work.Request.Uncertainty, work.ScaleDx, work.ScaleDy, StripRows: 256);
        var tiles = work.Tiles.ToDictionary(t => t.ChunkIndex);
        using var tiff = new GeoTiffDisplacementSink(mosaicPath, work.SceneWidth, work.SceneHeight, mosaicOptions.BandNames, georeference,
            new GeoTiffSinkOptions { CloudOptimized = work.Request.CloudOptimized });
        using var sink = new QuickLookSink(tiff, options.QuickLookSize);
        var mosaic = new StreamingMosaic(plan, sink, mosaicOptions);

        var ahead = new Queue<(Chunk Chunk, Task<DisplacementAccumulator>? Load)>();
        async Task MergeNext()
        {
            var (chunk, load) = ahead.Dequeue();
            if (load is not null)
            {
                var summary = tiles[chunk.Index];
                mosaic.Add(new ChunkResult(chunk, await load.ConfigureAwait(false), summary.Windows, summary.WindowsWithoutEstimate));
            }
            if (chunk.ChunkColumn == plan.ChunkColumns - 1) mosaic.CompleteChunkRow(chunk.ChunkRow);
        }

        foreach (var chunk in plan.Chunks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Task<DisplacementAccumulator>? load = null;
            if (chunk.WindowCount > 0)
            {
                if (!tiles.TryGetValue(chunk.Index, out var summary))
                    throw new InvalidOperationException($"Chunk {chunk.Index} has windows but no tile summary.");
                load = LoadAsync(store, summary.AccumulatorBlob, cancellationToken);
            }
            ahead.Enqueue((chunk, load));
            while (ahead.Count > Math.Max(1, options.StitchPrefetch)) await MergeNext().ConfigureAwait(false);
        }
        while (ahead.Count > 0) await MergeNext().ConfigureAwait(false);
        mosaic.Finish();

        try
        {
            QuickLookRenderer.Render(sink, work.Request.Units, $"{work.Request.SceneId} ({work.Method})", quickLookPath);
            return null;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "No quick-look for {Scene}", work.Request.SceneId);
            return $"{error.GetType().Name}: {error.Message}";
        }
    }

    private static Task<DisplacementAccumulator> LoadAsync(IBlobStore store, string blob, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        await using var stream = await store.OpenReadAsync(blob, cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        return AccumulatorCodec.Decode(buffer);
    }, cancellationToken);

}
