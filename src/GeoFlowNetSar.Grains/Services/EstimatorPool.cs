using System.Collections.Concurrent;
using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace GeoFlowNetSar.Grains.Services;

/// <summary>
/// One estimator per (method, window, step) per silo process (DESIGN.md: the U-Net is loaded once per silo), built on
/// first use and shared by every tile grain of the silo. Estimators are not thread-safe and each already uses every
/// libtorch thread, so tiles take turns on it; the work runs on the thread pool, never on a grain scheduler.
/// </summary>
public sealed class EstimatorPool(EstimatorCatalog catalog, IOptions<GeoFlowSiloOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<(string Method, int Window, int Step), Lazy<Entry>> _entries = new();

    public EstimatorCatalog Catalog => catalog;

    public async Task<T> UseAsync<T>(string method, int window, int step, Func<IDisplacementEstimator, T> work, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd((method.ToLowerInvariant(), window, step), key => new Lazy<Entry>(() => new Entry(catalog.Create(
            key.Method, new EstimatorSettings(key.Window, key.Step, options.Value.TorchThreads, options.Value.Device))))).Value;
        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => work(entry.Estimator), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var lazy in _entries.Values)
            if (lazy.IsValueCreated) lazy.Value.Estimator.Dispose();
        _entries.Clear();
    }

    private sealed class Entry(IDisplacementEstimator estimator)
    {
        public IDisplacementEstimator Estimator { get; } = estimator;
        public SemaphoreSlim Gate { get; } = new(1, 1);
    }
}
