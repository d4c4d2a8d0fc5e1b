using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Core.Tiling;

namespace GeoFlowNetSar.Pipeline.Tests;

/// <summary>
/// Deterministic estimators whose answer depends on a window's pixels only (as the contract asks), with
/// values that vary from window to window so that any mix-up of windows, chunks or weights shows.
/// </summary>
internal sealed class StandInOffsetEstimator(int window, int step, int batch = 7) : IWindowOffsetEstimator
{
    public string Method => "stand-in-offset";
    public int WindowSize => window;
    public int Step => step;
    public EstimateFootprint Footprint => EstimateFootprint.CentreInterpolated;
    public int PreferredBatchSize => batch;

    public void Estimate(FloatImage pre, FloatImage post, ReadOnlySpan<WindowOrigin> origins, Span<WindowOffset> results)
    {
        for (int i = 0; i < origins.Length; i++)
        {
            var o = origins[i];
            double sumPre = 0, sumPost = 0;
            bool finite = true;
            for (int y = 0; y < window; y++)
                for (int x = 0; x < window; x++)
                {
                    float a = pre[o.X + x, o.Y + y], b = post[o.X + x, o.Y + y];
                    finite &= float.IsFinite(a) && float.IsFinite(b);
                    sumPre += a;
                    sumPost += b;
                }
            results[i] = finite && sumPre != 0
                ? new WindowOffset((float)(sumPost / sumPre - 1), (float)(pre[o.X, o.Y] - post[o.X + window - 1, o.Y]), 1f)
                : WindowOffset.None;
        }
    }

    public void Dispose()
    {
    }
}

internal sealed class StandInDenseEstimator(int window, int step, int batch = 3) : IDenseWindowEstimator
{
    public string Method => "stand-in-dense";
    public int WindowSize => window;
    public int Step => step;
    public EstimateFootprint Footprint => EstimateFootprint.DenseWindow;
    public int PreferredBatchSize => batch;

    public void Estimate(FloatImage pre, FloatImage post, ReadOnlySpan<WindowOrigin> origins, Span<float> dx, Span<float> dy)
    {
        int n = window * window;
        for (int i = 0; i < origins.Length; i++)
        {
            var o = origins[i];
            float corner = pre[o.X, o.Y];
            for (int y = 0; y < window; y++)
                for (int x = 0; x < window; x++)
                {
                    dx[i * n + y * window + x] = post[o.X + x, o.Y + y] - corner;
                    dy[i * n + y * window + x] = pre[o.X + x, o.Y + y] * 0.5f + corner;
                }
        }
    }

    public void Dispose()
    {
    }
}

/// <summary>Sleeps a fixed time in every estimator call, so the time a run reports for its calls has a known floor.</summary>
internal abstract class SlowEstimator(IDisplacementEstimator inner, TimeSpan perCall) : IDisplacementEstimator
{
    public static SlowEstimator Wrap(IDisplacementEstimator inner, TimeSpan perCall) => inner switch
    {
        IWindowOffsetEstimator offsets => new SlowOffsetEstimator(offsets, perCall),
        IDenseWindowEstimator dense => new SlowDenseEstimator(dense, perCall),
        _ => throw new ArgumentException("Unknown estimator contract.", nameof(inner)),
    };

    public int Calls { get; private set; }
    public string Method => inner.Method;
    public int WindowSize => inner.WindowSize;
    public int Step => inner.Step;
    public EstimateFootprint Footprint => inner.Footprint;
    public int PreferredBatchSize => inner.PreferredBatchSize;

    protected void Pause()
    {
        Calls++;
        Thread.Sleep(perCall);
    }

    public void Dispose() => inner.Dispose();
}

internal sealed class SlowOffsetEstimator(IWindowOffsetEstimator inner, TimeSpan perCall) : SlowEstimator(inner, perCall), IWindowOffsetEstimator
{
    public void Estimate(FloatImage pre, FloatImage post, ReadOnlySpan<WindowOrigin> origins, Span<WindowOffset> results)
    {
        Pause();
        inner.Estimate(pre, post, origins, results);
    }
}

internal sealed class SlowDenseEstimator(IDenseWindowEstimator inner, TimeSpan perCall) : SlowEstimator(inner, perCall), IDenseWindowEstimator
{
    public void Estimate(FloatImage pre, FloatImage post, ReadOnlySpan<WindowOrigin> origins, Span<float> dx, Span<float> dy)
    {
        Pause();
        inner.Estimate(pre, post, origins, dx, dy);
    }
}
