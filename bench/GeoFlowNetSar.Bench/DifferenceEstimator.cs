using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Core.Tiling;

namespace GeoFlowNetSar.Bench;

/// <summary>A trivial dense estimator (POST − PRE per pixel) that costs almost nothing, so the bench measures the pipeline.</summary>
internal sealed class DifferenceEstimator(int window, int step) : IDenseWindowEstimator
{
    public string Method => "difference";
    public int WindowSize => window;
    public int Step => step;
    public EstimateFootprint Footprint => EstimateFootprint.DenseWindow;
    public int PreferredBatchSize => 16;

    public void Estimate(FloatImage pre, FloatImage post, ReadOnlySpan<WindowOrigin> origins, Span<float> dx, Span<float> dy)
    {
        int n = window * window;
        for (int i = 0; i < origins.Length; i++)
            for (int y = 0; y < window; y++)
            {
                int src = (origins[i].Y + y) * pre.Width + origins[i].X;
                for (int x = 0; x < window; x++)
                {
                    float d = post.Pixels[src + x] - pre.Pixels[src + x];
                    dx[i * n + y * window + x] = d;
                    dy[i * n + y * window + x] = -d;
                }
            }
    }

    public void Dispose()
    {
    }
}
