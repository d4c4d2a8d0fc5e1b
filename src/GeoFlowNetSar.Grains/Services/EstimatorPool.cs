using System.Collections.Concurrent;
using System.Diagnostics;
using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Telemetry;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Estimators.CoarseOffset;
using GeoFlowNetSar.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace GeoFlowNetSar.Grains.Services;

/// <summary>
/// One estimator per (method, window, step) per silo process (DESIGN.md: the U-Net is loaded once per silo), built on
/// first use and shared by every tile grain of the silo. Estimators are not thread-safe and each already uses every
/// libtorch thread, so correlator tiles take turns on theirs; dense estimators (the U-Net) are fed by a
/// <see cref="CrossTileBatcher"/> instead, so the tiles of a silo run together and share forward passes. The work runs
/// on the thread pool, never on a grain scheduler.
/// </summary>
public sealed class EstimatorPool(EstimatorCatalog catalog, IOptions<GeoFlowSiloOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<(string Method, int Window, int Step, CoarseOffsetMode Coarse, bool FlipAverage), Lazy<Entry>> _entries = new();

    public EstimatorCatalog Catalog => catalog;

    public async Task<T> UseAsync<T>(string method, int window, int step, CoarseOffsetMode coarse, bool flipAverage, Func<IDisplacementEstimator, T> work, CancellationToken cancellationToken)
    {
        var entry = Get(method, window, step, coarse, flipAverage);
        Activity.Current?.SetTag(TagNames.Device, options.Value.Device ?? "auto");
        if (entry.Batcher is { } batcher)
            return await Task.Run(() => work(batcher.ForTile()), cancellationToken).ConfigureAwait(false);
        var queue = new TagList { { TagNames.Method, method } };
        GeoFlowTelemetry.TilesQueued.Add(1, queue);
        try
        {
            await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            GeoFlowTelemetry.TilesQueued.Add(-1, queue);
        }
        try
        {
            return await Task.Run(() => work(entry.Estimator), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>The batcher serving a dense method on this silo, once a tile has used it (null for correlators).</summary>
    internal CrossTileBatcher? BatcherFor(string method, int window, int step, CoarseOffsetMode coarse = CoarseOffsetMode.Auto, bool flipAverage = true) =>
        _entries.TryGetValue((method.ToLowerInvariant(), window, step, coarse, flipAverage), out var lazy) && lazy.IsValueCreated ? lazy.Value.Batcher : null;

    private Entry Get(string method, int window, int step, CoarseOffsetMode coarse, bool flipAverage) =>
        _entries.GetOrAdd((method.ToLowerInvariant(), window, step, coarse, flipAverage), key => new Lazy<Entry>(() => new Entry(catalog.Create(
            key.Method, new EstimatorSettings(key.Window, key.Step, options.Value.TorchThreads, options.Value.Device, key.Coarse,
                FlipAverage: key.FlipAverage, Precision: options.Value.Precision)), options.Value))).Value;

    public void Dispose()
    {
        foreach (var lazy in _entries.Values)
        {
            if (!lazy.IsValueCreated) continue;
            if (lazy.Value.Batcher is { } batcher) batcher.Dispose();
            else lazy.Value.Estimator.Dispose();
        }
        _entries.Clear();
    }

    private sealed class Entry(IDisplacementEstimator estimator, GeoFlowSiloOptions options)
    {
        public IDisplacementEstimator Estimator { get; } = estimator;
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public CrossTileBatcher? Batcher { get; } = estimator is IDenseWindowEstimator dense && options.CrossTileBatchWindows != 0
            ? new CrossTileBatcher(dense, options.CrossTileBatchWindows ?? Math.Max(1, dense.PreferredBatchSize), options.CrossTileBatchLatency)
            : null;
    }
}
