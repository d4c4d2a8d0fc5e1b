using System.Diagnostics;
using System.Text.Json;
using GeoFlowNetSar.Core.Telemetry;
using GeoFlowNetSar.Core.Tiling;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Estimators.CoarseOffset;
using GeoFlowNetSar.Grains.Contracts;
using GeoFlowNetSar.Grains.Placement;
using GeoFlowNetSar.Grains.Services;
using GeoFlowNetSar.Pipeline.Chunks;
using GeoFlowNetSar.Storage;
using Microsoft.Extensions.Logging;

namespace GeoFlowNetSar.Grains.Grains;

/// <summary>
/// Runs one chunk through <see cref="ChunkProcessor"/>, the code the embedded run uses, with sources that serve the
/// chunk's input from its blobs. Idempotent: when the accumulator blob exists, nothing is computed (Reused). The
/// accumulator is written last, after its small statistics sidecar, so its presence means the tile is complete.
/// A failed attempt deactivates the grain, so that a retry is placed anew (possibly on another silo).
/// </summary>
public abstract class TileGrainBase(IBlobStore store, EstimatorPool estimators, ILocalSiloDetails silo, ILogger logger) : Grain
{
    protected abstract string Role { get; }

    public async Task<TileSummary> Process(TileWork work, CancellationToken cancellationToken = default)
    {
        using var activity = GeoFlowTelemetry.Source.StartActivity(SpanNames.TileProcess);
        activity?.SetTag(TagNames.Scene, work.SceneId);
        activity?.SetTag(TagNames.Chunk, work.ChunkIndex);
        activity?.SetTag(TagNames.Method, work.Method);
        activity?.SetTag(TagNames.Silo, silo.Name);
        activity?.SetTag(TagNames.Role, Role);
        var tags = new TagList { { TagNames.Role, Role }, { TagNames.Method, work.Method } };
        GeoFlowTelemetry.TilesRunning.Add(1, tags);
        var clock = Stopwatch.StartNew();
        string statistics = work.AccumulatorBlob + ".json";
        try
        {
            if (await store.GetInfoAsync(work.AccumulatorBlob, cancellationToken) is not null)
            {
                var known = await ReadStatisticsAsync(statistics, cancellationToken);
                activity?.SetTag(TagNames.Reused, true);
                activity?.SetTag(TagNames.Windows, known.Windows);
                GeoFlowTelemetry.TilesDone.Add(1, [.. tags, new(TagNames.Reused, true)]);
                return Summary(work, known.Windows, known.WindowsWithoutEstimate, clock.Elapsed.TotalSeconds, reused: true);
            }

            var method = estimators.Catalog.Get(work.Method);
            var plan = new ChunkPlan(new WindowGrid(work.SceneWidth, work.SceneHeight, work.Window, work.Step), method.Footprint, work.ChunkSize);
            if (work.ChunkIndex < 0 || work.ChunkIndex >= plan.Chunks.Count)
                throw new ArgumentOutOfRangeException(nameof(work), $"Chunk {work.ChunkIndex} does not exist in a plan of {plan.Chunks.Count} chunks.");
            var chunk = plan.Chunks[work.ChunkIndex];
            activity?.SetTag(TagNames.ChunkRect, chunk.Core.ToString());
            activity?.SetTag(TagNames.Pixels, chunk.Core.Area);

            var preBytes = store.GetBytesAsync(work.PreBlob, cancellationToken);
            var postBytes = store.GetBytesAsync(work.PostBlob, cancellationToken);
            var pre = await Task.Run(async () => Source(work.PreBlob, work, chunk, await preBytes), cancellationToken);
            var post = await Task.Run(async () => Source(work.PostBlob, work, chunk, await postBytes), cancellationToken);

            var coarse = CoarseOffsetModes.Parse(work.Coarse) ?? throw new ArgumentException($"Coarse must be auto or off (got '{work.Coarse}').", nameof(work));
            var result = await estimators.UseAsync(work.Method, work.Window, work.Step, coarse, work.FlipAverage,
                estimator => ChunkProcessor.Process(plan, chunk, pre, post, estimator, cancellationToken), cancellationToken);
            var encoded = await Task.Run(() => AccumulatorCodec.Encode(result.Accumulator), cancellationToken);

            await store.PutTextAsync(statistics, JsonSerializer.Serialize(new TileStatistics(result.Windows, result.WindowsWithoutEstimate)), cancellationToken);
            await store.PutBytesAsync(work.AccumulatorBlob, encoded, cancellationToken);
            double seconds = clock.Elapsed.TotalSeconds;
            activity?.SetTag(TagNames.Reused, false);
            activity?.SetTag(TagNames.Windows, result.Windows);
            GeoFlowTelemetry.TilesDone.Add(1, [.. tags, new(TagNames.Reused, false)]);
            GeoFlowTelemetry.TileDuration.Record(seconds, tags);
            GeoFlowTelemetry.Megapixels.Add(chunk.Core.Area / 1e6, tags);
            return Summary(work, result.Windows, result.WindowsWithoutEstimate, seconds, reused: false);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(error, "Tile {Scene}/{Chunk} failed on {Silo}", work.SceneId, work.ChunkIndex, silo.Name);
            activity.RecordError(error);
            GeoFlowTelemetry.TilesFailed.Add(1, tags);
            DeactivateOnIdle();
            throw;
        }
        finally
        {
            GeoFlowTelemetry.TilesRunning.Add(-1, tags);
        }
    }

    private TileSummary Summary(TileWork work, long windows, long missing, double seconds, bool reused) => new()
    {
        ChunkIndex = work.ChunkIndex,
        Windows = windows,
        WindowsWithoutEstimate = missing,
        Silo = silo.Name,
        Role = Role,
        Seconds = seconds,
        Reused = reused,
        AccumulatorBlob = work.AccumulatorBlob,
    };

    private static ChunkImageSource Source(string blob, TileWork work, Chunk chunk, byte[] bytes)
    {
        var (rect, image) = ChunkImageCodec.Decode(bytes);
        if (rect != chunk.Input)
            throw new InvalidDataException($"Chunk blob '{blob}' holds {rect}, but chunk {chunk.Index} reads {chunk.Input}: it was cut with another plan.");
        return new ChunkImageSource(blob, work.SceneWidth, work.SceneHeight, rect, image);
    }

    private async Task<TileStatistics> ReadStatisticsAsync(string blob, CancellationToken cancellationToken)
    {
        try
        {
            return JsonSerializer.Deserialize<TileStatistics>(await store.GetTextAsync(blob, cancellationToken)) ?? new TileStatistics(0, 0);
        }
        catch (Exception error) when (error is BlobNotFoundException or JsonException)
        {
            return new TileStatistics(0, 0);
        }
    }

    private sealed record TileStatistics(long Windows, long WindowsWithoutEstimate);
}

/// <summary>Correlator tiles: only on silos with role=cpu, dealt out in turn among them.</summary>
[RequiresRole(SiloRoles.Cpu)]
[SpreadTilesPlacement]
public sealed class CpuTileGrain(IBlobStore store, EstimatorPool estimators, ILocalSiloDetails silo, ILogger<CpuTileGrain> logger)
    : TileGrainBase(store, estimators, silo, logger), ICpuTileGrain
{
    protected override string Role => SiloRoles.Cpu;
}

/// <summary>U-Net tiles: only on silos with role=gpu, dealt out in turn among them.</summary>
[RequiresRole(SiloRoles.Gpu)]
[SpreadTilesPlacement]
public sealed class GpuTileGrain(IBlobStore store, EstimatorPool estimators, ILocalSiloDetails silo, ILogger<GpuTileGrain> logger)
    : TileGrainBase(store, estimators, silo, logger), IGpuTileGrain
{
    protected override string Role => SiloRoles.Gpu;
}
