using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Core.Tiling;
using GeoFlowNetSar.TorchSupport;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Windows;

/// <summary>
/// The batching loop every correlator shares: windows are gathered <see cref="WindowBatch.Capacity"/> at a time,
/// standardised on the device and handed to <see cref="CorrelateBatch"/>, which returns a [B, F] float32 table of
/// per-window fields (field 0 = dx, 1 = dy, 2 = quality, then method-specific ones; NaN dx/dy = no estimate).
/// One dispose scope and one host download per batch; no gradient bookkeeping (inference mode). Calls are
/// serialised on an instance (libtorch parallelises inside each batch), so one instance can serve a whole silo.
/// </summary>
public abstract class BatchedWindowCorrelator : IWindowOffsetEstimator
{
    /// <summary>Serialises calls on this instance (the batch buffers are shared).</summary>
    protected Lock Gate { get; } = new();
    private float[] _fields = [];

    protected BatchedWindowCorrelator(int window, int step, int batchSize, int fieldCount, Device? device)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fieldCount, 3);
        Device = device ?? CPU;
        WindowSize = window;
        Step = step;
        FieldCount = fieldCount;
        Batch = new WindowBatch(window, batchSize);
    }

    public abstract string Method { get; }
    public int WindowSize { get; }
    public int Step { get; }
    public EstimateFootprint Footprint => EstimateFootprint.CentreInterpolated;
    public int PreferredBatchSize => Batch.Capacity;
    public Device Device { get; }

    protected int FieldCount { get; }
    protected WindowBatch Batch { get; }

    public void Estimate(FloatImage pre, FloatImage post, ReadOnlySpan<WindowOrigin> origins, Span<WindowOffset> results)
    {
        if (results.Length < origins.Length) throw new ArgumentException("One result per window is needed.", nameof(results));
        lock (Gate)
        {
            var fields = Correlate(pre, post, origins);
            for (int i = 0; i < origins.Length; i++)
            {
                var f = fields.Slice(i * FieldCount, FieldCount);
                results[i] = float.IsFinite(f[0]) && float.IsFinite(f[1]) ? new WindowOffset(f[0], f[1], f[2]) : WindowOffset.None;
            }
        }
    }

    /// <summary>Runs every batch and returns origins.Length × <see cref="FieldCount"/> fields (valid until the next call; hold the lock).</summary>
    protected ReadOnlySpan<float> Correlate(FloatImage pre, FloatImage post, ReadOnlySpan<WindowOrigin> origins)
    {
        int total = origins.Length * FieldCount;
        if (_fields.Length < total) _fields = new float[total];
        using var inference = inference_mode();
        for (int start = 0; start < origins.Length; start += Batch.Capacity)
        {
            int count = Math.Min(Batch.Capacity, origins.Length - start);
            var batchOrigins = origins.Slice(start, count);
            Batch.Gather(pre, post, batchOrigins, batchOrigins);
            using var scope = NewDisposeScope();
            var table = CorrelateGathered(Batch);
            var host = table.to_type(ScalarType.Float32).to(CPU).contiguous();
            host.data<float>().CopyTo(_fields.AsSpan(start * FieldCount, count * FieldCount));
        }
        return _fields.AsSpan(0, total);
    }

    /// <summary>Correlates one batch: standardised [B, N, N] windows and the [B] usable flags → [B, F] fields.</summary>
    protected abstract Tensor CorrelateBatch(Tensor pre, Tensor post, Tensor usable);

    /// <summary>
    /// Correlates the windows gathered in <paramref name="batch"/> → [B, F] fields: by default standardised and
    /// handed to <see cref="CorrelateBatch"/>; a correlator that wants them prepared otherwise overrides this.
    /// </summary>
    protected virtual Tensor CorrelateGathered(WindowBatch batch)
    {
        var (pre, post, usable) = batch.Standardised(Device);
        return CorrelateBatch(pre, post, usable);
    }

    /// <summary>Sets dx and dy (fields 0 and 1) to NaN where <paramref name="ok"/> is false; the other fields stay (diagnostics).</summary>
    protected static Tensor Reject(Tensor table, Tensor ok)
    {
        var offsets = table.narrow(1, 0, 2);
        var rejected = where(ok.view(-1, 1), offsets, full_like(offsets, TorchScalars.NaN));
        return cat([rejected, table.narrow(1, 2, table.shape[1] - 2)], 1);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing) Batch.Dispose();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }
}
