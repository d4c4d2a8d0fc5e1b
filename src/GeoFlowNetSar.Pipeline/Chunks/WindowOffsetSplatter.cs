using GeoFlowNetSar.Core.Accumulation;
using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Core.Tiling;

namespace GeoFlowNetSar.Pipeline.Chunks;

/// <summary>
/// Lands per-window centre offsets on the full-resolution grid by linear interpolation between window
/// centres, written as a splat: Σ hat·d and Σ hat accumulate, and their ratio is the bilinear interpolant.
/// A NaN centre drops out and its neighbours renormalise, so one masked window does not blank a whole cell.
/// </summary>
internal static class WindowOffsetSplatter
{
    public static (long Missing, TimeSpan Estimating) Run(
        ChunkPlan plan, Chunk chunk, IWindowOffsetEstimator estimator, FloatImage pre, FloatImage post,
        WindowOrigin[] origins, DisplacementAccumulator accumulator, CancellationToken cancellationToken)
    {
        var results = new WindowOffset[origins.Length];
        int batch = Math.Max(1, estimator.PreferredBatchSize);
        var estimating = TimeSpan.Zero;
        for (int i = 0; i < origins.Length; i += batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batch, origins.Length - i);
            int first = i;
            estimating += EstimatorCall.Run(estimator, count, () => estimator.Estimate(pre, post, origins.AsSpan(first, count), results.AsSpan(first, count)));
        }

        var grid = plan.Grid;
        var wx = new double[grid.Width];
        var wy = new double[grid.Height];
        long missing = 0;
        int n = 0;
        for (int r = 0; r < chunk.WindowRowCount; r++)
        {
            int row = chunk.FirstWindowRow + r;
            var (y0, y1) = grid.Rows.InterpolationSupport(row);
            for (int y = y0; y < y1; y++) wy[y - y0] = grid.Rows.HatWeight(row, y);
            for (int c = 0; c < chunk.WindowColumnCount; c++, n++)
            {
                var offset = results[n];
                if (!offset.IsValid) { missing++; continue; }
                int column = chunk.FirstWindowColumn + c;
                var (x0, x1) = grid.Columns.InterpolationSupport(column);
                for (int x = x0; x < x1; x++) wx[x - x0] = grid.Columns.HatWeight(column, x);
                accumulator.AddWeighted(PixelRect.FromBounds(x0, y0, x1, y1), wx, wy, offset.Dx, offset.Dy);
            }
        }
        return (missing, estimating);
    }
}
