using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Core.Tiling;

namespace GeoFlowNetSar.Estimators.CoarseOffset;

/// <summary>
/// Lets a dense estimator trained on |d| ≲ 2 px (the U-Net) measure larger motion. A correlator gives each window
/// one offset s over the whole window (the coarse grid is the window grid); POST is shifted by k = round(s), whole
/// pixels so the speckle is not resampled; the dense estimator measures the residual r and d = k + r.
/// </summary>
/// <remarks>
/// Sign (DESIGN.md): a PRE feature at p appears at p + d in POST. POST′(p) = POST(p + k) shows it at p + d − k, so
/// the dense estimator sees the residual d − k. Only the window's own pixels are used (results must not depend on
/// chunking): where p + k leaves the window POST′ has no data, so those pixels — and a guard band as wide as the
/// network's border effects — get NaN and the overlapping windows fill them in the mosaic.
/// </remarks>
public sealed class CoarseOffsetDenseEstimator : IDenseWindowEstimator
{
    /// <summary>Pixels next to the no-data strip whose estimates are also dropped (border effects of the network).</summary>
    public const int GuardBand = 8;

    /// <summary>
    /// Windows shift only when the coarse |dx| or |dy| exceeds this: well inside the ±2 px the U-Net was trained on,
    /// so on the paper's 1 px scenes the composition runs exactly as the dense estimator alone.
    /// </summary>
    public const double DefaultEngageAbove = 1.5;

    private readonly double _engageAbove;
    private readonly IDenseWindowEstimator _fine;
    private readonly IWindowOffsetEstimator _coarse;

    /// <summary>Takes ownership of both estimators; <paramref name="coarse"/> must use the same window size.</summary>
    public CoarseOffsetDenseEstimator(IDenseWindowEstimator fine, IWindowOffsetEstimator coarse, double engageAbove = DefaultEngageAbove)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(engageAbove);
        ArgumentNullException.ThrowIfNull(fine);
        ArgumentNullException.ThrowIfNull(coarse);
        if (coarse.WindowSize != fine.WindowSize)
            throw new ArgumentException($"The coarse estimator's window ({coarse.WindowSize}) must equal the dense one's ({fine.WindowSize}).", nameof(coarse));
        _fine = fine;
        _coarse = coarse;
        _engageAbove = engageAbove;
    }

    public string Method => _fine.Method;
    public int WindowSize => _fine.WindowSize;
    public int Step => _fine.Step;
    public EstimateFootprint Footprint => EstimateFootprint.DenseWindow;
    public int PreferredBatchSize => _fine.PreferredBatchSize;

    public void Estimate(FloatImage pre, FloatImage post, ReadOnlySpan<WindowOrigin> origins, Span<float> dx, Span<float> dy)
    {
        int n = WindowSize, area = n * n;
        var shifts = WholePixelShifts(pre, post, origins);
        if (shifts.All(k => k == default))
        {
            _fine.Estimate(pre, post, origins, dx, dy);
            return;
        }

        // The windows side by side, POST shifted: the dense estimator sees only what it would have seen, moved by k.
        var preTiles = new FloatImage(n * origins.Length, n);
        var postTiles = new FloatImage(n * origins.Length, n);
        var tileOrigins = new WindowOrigin[origins.Length];
        for (int i = 0; i < origins.Length; i++)
        {
            tileOrigins[i] = new WindowOrigin(i * n, 0);
            CopyShifted(pre, origins[i], default, preTiles, i * n, n);
            CopyShifted(post, origins[i], shifts[i], postTiles, i * n, n);
        }
        _fine.Estimate(preTiles, postTiles, tileOrigins, dx, dy);
        for (int i = 0; i < origins.Length; i++)
            AddShiftAndMaskStrips(shifts[i], n, dx.Slice(i * area, area), dy.Slice(i * area, area));
    }

    private (int X, int Y)[] WholePixelShifts(FloatImage pre, FloatImage post, ReadOnlySpan<WindowOrigin> origins)
    {
        var offsets = new WindowOffset[origins.Length];
        _coarse.Estimate(pre, post, origins, offsets);
        var shifts = new (int X, int Y)[origins.Length];
        for (int i = 0; i < offsets.Length; i++)
        {
            var o = offsets[i];
            // No trustworthy coarse offset (or one beyond half the window): the residual is the whole motion.
            if (!o.IsValid || Math.Abs(o.Dx) >= WindowSize / 2 || Math.Abs(o.Dy) >= WindowSize / 2) continue;
            if (Math.Max(Math.Abs(o.Dx), Math.Abs(o.Dy)) <= _engageAbove) continue;
            shifts[i] = ((int)MathF.Round(o.Dx), (int)MathF.Round(o.Dy));
        }
        return shifts;
    }

    /// <summary>target(x, y) = source(origin + clamp(x + k)): whole-pixel shift inside the window, edges repeated.</summary>
    private static void CopyShifted(FloatImage source, WindowOrigin origin, (int X, int Y) k, FloatImage target, int targetX, int n)
    {
        for (int y = 0; y < n; y++)
        {
            var from = source.Row(origin.Y + Math.Clamp(y + k.Y, 0, n - 1)).Slice(origin.X, n);
            var to = target.Row(y).Slice(targetX, n);
            for (int x = 0; x < n; x++) to[x] = from[Math.Clamp(x + k.X, 0, n - 1)];
        }
    }

    private static void AddShiftAndMaskStrips((int X, int Y) k, int n, Span<float> dx, Span<float> dy)
    {
        var (x0, x1) = ValidRange(k.X, n);
        var (y0, y1) = ValidRange(k.Y, n);
        for (int y = 0; y < n; y++)
        {
            bool rowValid = y >= y0 && y < y1;
            for (int x = 0; x < n; x++)
            {
                int i = y * n + x;
                if (rowValid && x >= x0 && x < x1)
                {
                    dx[i] += k.X;
                    dy[i] += k.Y;
                }
                else
                {
                    dx[i] = float.NaN;
                    dy[i] = float.NaN;
                }
            }
        }
    }

    /// <summary>[start, end) of the coordinates whose p + k stays inside the window, minus the guard band on the cut side.</summary>
    private static (int Start, int End) ValidRange(int k, int n) => k switch
    {
        > 0 => (0, Math.Max(0, n - k - GuardBand)),
        < 0 => (Math.Min(n, -k + GuardBand), n),
        _ => (0, n),
    };

    public void Dispose()
    {
        _fine.Dispose();
        _coarse.Dispose();
    }
}
