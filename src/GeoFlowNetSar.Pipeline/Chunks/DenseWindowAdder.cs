using GeoFlowNetSar.Core.Accumulation;
using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Core.Tiling;

namespace GeoFlowNetSar.Pipeline.Chunks;

/// <summary>
/// Adds dense per-window fields; overlapping windows blend with <see cref="DenseBlendWeights"/> (4 predictions per
/// interior pixel at stride W/2).
/// </summary>
internal static class DenseWindowAdder
{
    public static (long Missing, TimeSpan Estimating) Run(
        Chunk chunk, IDenseWindowEstimator estimator, FloatImage pre, FloatImage post,
        WindowOrigin[] origins, DisplacementAccumulator accumulator, CancellationToken cancellationToken)
    {
        int w = estimator.WindowSize;
        int batch = Math.Max(1, estimator.PreferredBatchSize);
        var dx = new float[batch * w * w];
        var dy = new float[batch * w * w];
        var blend = DenseBlendWeights.Hann(w);
        long missing = 0;
        var estimating = TimeSpan.Zero;
        for (int i = 0; i < origins.Length; i += batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batch, origins.Length - i);
            int first = i;
            estimating += EstimatorCall.Run(estimator, count, () =>
                estimator.Estimate(pre, post, origins.AsSpan(first, count), dx.AsSpan(0, count * w * w), dy.AsSpan(0, count * w * w)));
            for (int k = 0; k < count; k++)
            {
                var o = origins[i + k];
                var window = new PixelRect(o.X + chunk.Input.X, o.Y + chunk.Input.Y, w, w);
                var fx = dx.AsSpan(k * w * w, w * w);
                if (float.IsNaN(fx[w * w / 2])) missing++;
                accumulator.AddDense(window, fx, dy.AsSpan(k * w * w, w * w), blend, blend);
            }
        }
        return (missing, estimating);
    }
}
