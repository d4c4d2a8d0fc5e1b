using System.Diagnostics;
using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Core.Telemetry;
using GeoFlowNetSar.Core.Tiling;

namespace GeoFlowNetSar.Grains.Services;

/// <summary>
/// Feeds one dense estimator (the U-Net, loaded once per silo) with windows from every tile running on the silo: each
/// forward pass takes up to <see cref="MaxBatch"/> windows, one from each waiting tile in turn, so concurrent tiles share
/// passes instead of queueing for the estimator. A pass starts when the batch is full or when the oldest waiting window
/// has waited <see cref="MaxLatency"/>. The windows of a pass are laid side by side in one strip image (origins
/// (i·N, 0)), which gives the same numbers as estimating each tile alone because a window's estimate depends on its own
/// pixels only (IDisplacementEstimator's contract). One worker thread owns the estimator.
/// </summary>
public sealed class CrossTileBatcher : IDisposable
{
    private readonly IDenseWindowEstimator _estimator;
    private readonly int _n;
    private readonly LinkedList<Request> _waiting = new();
    private readonly object _gate = new(); // Monitor.Wait/Pulse: the worker sleeps until windows arrive or the latency runs out
    private readonly Thread _worker;
    private readonly FloatImage _preStrip, _postStrip;
    private readonly WindowOrigin[] _stripOrigins;
    private readonly float[] _dx, _dy;
    private bool _stopping;
    private long _batches, _windows, _mixedBatches;
    private readonly TagList _methodTag;

    /// <summary>Takes ownership of <paramref name="estimator"/>.</summary>
    public CrossTileBatcher(IDenseWindowEstimator estimator, int maxBatch, TimeSpan maxLatency)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _estimator = estimator;
        _methodTag = new TagList { { TagNames.Method, estimator.Method } };
        _n = estimator.WindowSize;
        MaxBatch = maxBatch;
        MaxLatency = maxLatency;
        _preStrip = new FloatImage(_n * maxBatch, _n);
        _postStrip = new FloatImage(_n * maxBatch, _n);
        _stripOrigins = Enumerable.Range(0, maxBatch).Select(i => new WindowOrigin(i * _n, 0)).ToArray();
        _dx = new float[maxBatch * _n * _n];
        _dy = new float[maxBatch * _n * _n];
        _worker = new Thread(Work) { IsBackground = true, Name = $"batcher {estimator.Method}" };
        _worker.Start();
    }

    public int MaxBatch { get; }

    public TimeSpan MaxLatency { get; }

    public IDenseWindowEstimator Estimator => _estimator;

    /// <summary>Forward passes run, windows estimated, and passes that held windows of more than one tile.</summary>
    public (long Batches, long Windows, long MixedBatches) Statistics
    {
        get
        {
            lock (_gate) return (_batches, _windows, _mixedBatches);
        }
    }

    /// <summary>The estimator as one tile sees it: its calls block until the batcher has run all their windows.</summary>
    public IDenseWindowEstimator ForTile() => new TileView(this);

    /// <summary>Estimates <paramref name="origins"/> (in <paramref name="pre"/>/<paramref name="post"/>) into dx, dy (N² values per window).</summary>
    public Task EstimateAsync(FloatImage pre, FloatImage post, WindowOrigin[] origins, float[] dx, float[] dy, CancellationToken cancellationToken)
    {
        if (origins.Length == 0) return Task.CompletedTask;
        var request = new Request(pre, post, origins, dx, dy) { Caller = Activity.Current };
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            request.Node = _waiting.AddLast(request);
            GeoFlowTelemetry.TilesQueued.Add(1, _methodTag);
            request.EnqueuedAt = Environment.TickCount64;
            Monitor.PulseAll(_gate);
        }
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() =>
            {
                lock (_gate)
                {
                    if (request.Node?.List is not null) Dequeue(request.Node);
                }
                request.Done.TrySetCanceled(cancellationToken);
            });
            request.Done.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        }
        return request.Done.Task;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping) return;
            _stopping = true;
            Monitor.PulseAll(_gate);
        }
        _worker.Join();
        _estimator.Dispose();
    }

    private void Work()
    {
        var batch = new List<(Request Request, int Index)>(MaxBatch);
        while (TakeBatch(batch))
        {
            long started = Stopwatch.GetTimestamp();
            try
            {
                int area = _n * _n;
                for (int i = 0; i < batch.Count; i++)
                {
                    var (request, index) = batch[i];
                    CopyWindow(request.Pre, request.Origins[index], _preStrip, i);
                    CopyWindow(request.Post, request.Origins[index], _postStrip, i);
                }
                _estimator.Estimate(_preStrip, _postStrip, _stripOrigins.AsSpan(0, batch.Count), _dx.AsSpan(0, batch.Count * area), _dy.AsSpan(0, batch.Count * area));
                RecordPass(batch, Stopwatch.GetElapsedTime(started).TotalSeconds);
                for (int i = 0; i < batch.Count; i++)
                {
                    var (request, index) = batch[i];
                    _dx.AsSpan(i * area, area).CopyTo(request.Dx.AsSpan(index * area, area));
                    _dy.AsSpan(i * area, area).CopyTo(request.Dy.AsSpan(index * area, area));
                    if (Interlocked.Decrement(ref request.Remaining) == 0) request.Done.TrySetResult();
                }
            }
            catch (Exception error)
            {
                foreach (var request in batch.Select(b => b.Request).Distinct())
                {
                    lock (_gate)
                    {
                        if (request.Node?.List is not null) Dequeue(request.Node);
                    }
                    request.Done.TrySetException(error);
                }
            }
        }
    }

    // Waits for windows, lets the batch fill up for at most MaxLatency after the oldest one arrived, then takes one
    // window from each waiting tile in turn (round robin) until the batch is full. False once disposed.
    private bool TakeBatch(List<(Request Request, int Index)> batch)
    {
        batch.Clear();
        lock (_gate)
        {
            while (true)
            {
                if (_stopping) return false;
                if (_waiting.Count == 0)
                {
                    Monitor.Wait(_gate);
                    continue;
                }
                long waited = Environment.TickCount64 - _waiting.Min(r => r.EnqueuedAt);
                long pending = _waiting.Sum(r => (long)(r.Origins.Length - r.Next));
                long left = (long)MaxLatency.TotalMilliseconds - waited;
                if (pending >= MaxBatch || left <= 0) break;
                Monitor.Wait(_gate, TimeSpan.FromMilliseconds(left));
            }

            while (batch.Count < MaxBatch && _waiting.First is not null)
            {
                for (var node = _waiting.First; node is not null && batch.Count < MaxBatch;)
                {
                    var next = node.Next;
                    var request = node.Value;
                    batch.Add((request, request.Next++));
                    if (request.Next == request.Origins.Length) Dequeue(node);
                    node = next;
                }
            }
            _batches++;
            _windows += batch.Count;
            if (batch.Select(b => b.Request).Distinct().Count() > 1) _mixedBatches++;
            return true;
        }
    }

    // Under _gate: a request leaves the queue once its last window is in a pass (or it is cancelled or failed).
    private void Dequeue(LinkedListNode<Request> node)
    {
        _waiting.Remove(node);
        GeoFlowTelemetry.TilesQueued.Add(-1, _methodTag);
    }

    // A pass mixes tiles, so it has no single parent span: each tile's waiting unet.batch span gets a "unet.pass" event
    // (the caller's thread is blocked on this pass meanwhile), and the batch metrics record the pass as it ran.
    private void RecordPass(List<(Request Request, int Index)> batch, double seconds)
    {
        GeoFlowTelemetry.BatchSize.Record(batch.Count, _methodTag);
        GeoFlowTelemetry.BatchDuration.Record(seconds, _methodTag);
        var requests = batch.Select(b => b.Request).Distinct().ToList();
        foreach (var request in requests)
            request.Caller?.AddEvent(new ActivityEvent("unet.pass", tags: new ActivityTagsCollection
            {
                [TagNames.BatchSize] = batch.Count,
                [TagNames.Windows] = batch.Count(b => b.Request == request),
                [TagNames.Tiles] = requests.Count,
                ["geoflownet.seconds"] = seconds,
            }));
    }

    private void CopyWindow(FloatImage source, WindowOrigin origin, FloatImage strip, int slot)
    {
        for (int y = 0; y < _n; y++)
            source.Pixels.AsSpan((origin.Y + y) * source.Width + origin.X, _n).CopyTo(strip.Pixels.AsSpan(y * strip.Width + slot * _n, _n));
    }

    private sealed class Request(FloatImage pre, FloatImage post, WindowOrigin[] origins, float[] dx, float[] dy)
    {
        public FloatImage Pre { get; } = pre;
        public FloatImage Post { get; } = post;
        public WindowOrigin[] Origins { get; } = origins;
        public float[] Dx { get; } = dx;
        public float[] Dy { get; } = dy;
        public int Next;
        public int Remaining = origins.Length;
        public long EnqueuedAt;
        public LinkedListNode<Request>? Node;
        public Activity? Caller;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    // What a tile's ChunkProcessor calls: synchronous, on the tile's thread-pool thread, which waits for the batcher.
    private sealed class TileView(CrossTileBatcher batcher) : IDenseWindowEstimator, ISharedEstimatorView
    {
        public string Method => batcher._estimator.Method;
        public int WindowSize => batcher._estimator.WindowSize;
        public int Step => batcher._estimator.Step;
        public EstimateFootprint Footprint => batcher._estimator.Footprint;

        // A tile hands over a few passes' worth at once, so that a tile alone still fills whole passes.
        public int PreferredBatchSize => 4 * batcher.MaxBatch;

        public void Estimate(FloatImage pre, FloatImage post, ReadOnlySpan<WindowOrigin> origins, Span<float> dx, Span<float> dy)
        {
            int values = origins.Length * WindowSize * WindowSize;
            var outDx = new float[values];
            var outDy = new float[values];
            batcher.EstimateAsync(pre, post, origins.ToArray(), outDx, outDy, CancellationToken.None).GetAwaiter().GetResult();
            outDx.CopyTo(dx);
            outDy.CopyTo(dy);
        }

        public void Dispose()
        {
        }
    }
}
