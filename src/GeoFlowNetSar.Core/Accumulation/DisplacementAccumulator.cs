using GeoFlowNetSar.Core.Rasters;

namespace GeoFlowNetSar.Core.Accumulation;

/// <summary>
/// Per-pixel weighted sums over a region of the mosaic: W = Σw, Σw·dx, Σw·dy, Σw·dx², Σw·dy², plus a mask of
/// pixels whose input was invalid. Sums are doubles so that merging the same contributions in another
/// order (another chunking) changes a result by ~1e-15 px, far below the 1e-6 px the pipeline promises.
/// The mean is Σw·d / Σw and the spread √(Σw·d²/Σw − mean²).
/// </summary>
public sealed class DisplacementAccumulator
{
    public DisplacementAccumulator(PixelRect region)
    {
        Region = region;
        int n = checked((int)region.Area);
        Weight = new double[n];
        SumDx = new double[n];
        SumDy = new double[n];
        SumDx2 = new double[n];
        SumDy2 = new double[n];
        Invalid = new bool[n];
    }

    public PixelRect Region { get; }

    /// <summary>Planes indexed by <see cref="IndexOf"/>.</summary>
    public double[] Weight { get; }
    public double[] SumDx { get; }
    public double[] SumDy { get; }
    public double[] SumDx2 { get; }
    public double[] SumDy2 { get; }
    public bool[] Invalid { get; }

    /// <summary>Index of mosaic pixel (x, y) in the planes.</summary>
    public int IndexOf(int x, int y) => (y - Region.Y) * Region.Width + (x - Region.X);

    /// <summary>Adds a dense estimate over <paramref name="window"/> (mosaic coordinates) with weight 1 per pixel.</summary>
    public void AddDense(PixelRect window, ReadOnlySpan<float> dx, ReadOnlySpan<float> dy) =>
        AddDense(window, dx, dy, Ones(window.Width), Ones(window.Height));

    /// <summary>
    /// Adds a dense estimate over <paramref name="window"/> with separable per-pixel weights wx[x]·wy[y] (indexed
    /// from the window's corner): the mosaic is then Σw·d / Σw and the spread the weighted standard deviation.
    /// </summary>
    public void AddDense(PixelRect window, ReadOnlySpan<float> dx, ReadOnlySpan<float> dy, ReadOnlySpan<double> wx, ReadOnlySpan<double> wy)
    {
        EnsureInside(window);
        if (wx.Length < window.Width || wy.Length < window.Height)
            throw new ArgumentException($"Need {window.Width} column and {window.Height} row weights.", nameof(wx));
        for (int y = 0; y < window.Height; y++)
        {
            int dst = IndexOf(window.X, window.Y + y);
            int src = y * window.Width;
            double rowWeight = wy[y];
            for (int x = 0; x < window.Width; x++, dst++, src++)
            {
                float ex = dx[src], ey = dy[src];
                if (float.IsNaN(ex) || float.IsNaN(ey)) continue;
                double w = rowWeight * wx[x];
                Weight[dst] += w;
                SumDx[dst] += w * ex;
                SumDy[dst] += w * ey;
                SumDx2[dst] += w * ex * ex;
                SumDy2[dst] += w * ey * ey;
            }
        }
    }

    private static double[] Ones(int n)
    {
        var ones = new double[n];
        Array.Fill(ones, 1.0);
        return ones;
    }

    /// <summary>
    /// Splats one centre estimate over <paramref name="support"/> with separable weights wx[x]·wy[y]
    /// (the interpolation hats), indexed from support.X / support.Y.
    /// </summary>
    public void AddWeighted(PixelRect support, ReadOnlySpan<double> wx, ReadOnlySpan<double> wy, float dx, float dy)
    {
        if (float.IsNaN(dx) || float.IsNaN(dy)) return;
        EnsureInside(support);
        double dx2 = (double)dx * dx, dy2 = (double)dy * dy;
        for (int y = 0; y < support.Height; y++)
        {
            double wRow = wy[y];
            if (wRow == 0) continue;
            int dst = IndexOf(support.X, support.Y + y);
            for (int x = 0; x < support.Width; x++, dst++)
            {
                double w = wRow * wx[x];
                if (w == 0) continue;
                Weight[dst] += w;
                SumDx[dst] += w * dx;
                SumDy[dst] += w * dy;
                SumDx2[dst] += w * dx2;
                SumDy2[dst] += w * dy2;
            }
        }
    }

    /// <summary>Marks pixels of <paramref name="rect"/> (mosaic coordinates) whose input was not finite.</summary>
    public void MarkInvalid(PixelRect rect, ReadOnlySpan<bool> invalid)
    {
        EnsureInside(rect);
        for (int y = 0; y < rect.Height; y++)
        {
            int dst = IndexOf(rect.X, rect.Y + y);
            for (int x = 0; x < rect.Width; x++)
                Invalid[dst + x] |= invalid[y * rect.Width + x];
        }
    }

    /// <summary>Adds <paramref name="other"/>'s sums where the two regions overlap (merging neighbouring chunks).</summary>
    public void Merge(DisplacementAccumulator other)
    {
        var overlap = Region.Intersect(other.Region);
        for (int y = overlap.Y; y < overlap.Bottom; y++)
        {
            int dst = IndexOf(overlap.X, y);
            int src = other.IndexOf(overlap.X, y);
            for (int x = 0; x < overlap.Width; x++)
            {
                Weight[dst + x] += other.Weight[src + x];
                SumDx[dst + x] += other.SumDx[src + x];
                SumDy[dst + x] += other.SumDy[src + x];
                SumDx2[dst + x] += other.SumDx2[src + x];
                SumDy2[dst + x] += other.SumDy2[src + x];
                Invalid[dst + x] |= other.Invalid[src + x];
            }
        }
    }

    /// <summary>
    /// Writes mean dx, dy (and spreads when <paramref name="sigmaDx"/> is not empty) of the rows
    /// [row0, row0+rowCount) of the region, full region width. No estimate or invalid input ⇒ NaN.
    /// </summary>
    public void Finalise(int row0, int rowCount, Span<float> dx, Span<float> dy, Span<float> sigmaDx, Span<float> sigmaDy)
    {
        if (row0 < Region.Y || row0 + rowCount > Region.Bottom)
            throw new ArgumentOutOfRangeException(nameof(row0), $"Rows {row0}..{row0 + rowCount} are outside {Region}.");
        bool spread = !sigmaDx.IsEmpty;
        int offset = IndexOf(Region.X, row0);
        for (int i = 0; i < rowCount * Region.Width; i++)
        {
            int k = offset + i;
            double w = Weight[k];
            if (w <= 0 || Invalid[k])
            {
                dx[i] = dy[i] = float.NaN;
                if (spread) sigmaDx[i] = sigmaDy[i] = float.NaN;
                continue;
            }
            double mx = SumDx[k] / w, my = SumDy[k] / w;
            dx[i] = (float)mx;
            dy[i] = (float)my;
            if (!spread) continue;
            sigmaDx[i] = (float)Math.Sqrt(Math.Max(0, SumDx2[k] / w - mx * mx));
            sigmaDy[i] = (float)Math.Sqrt(Math.Max(0, SumDy2[k] / w - my * my));
        }
    }

    private void EnsureInside(PixelRect rect)
    {
        if (!Region.Contains(rect))
            throw new ArgumentOutOfRangeException(nameof(rect), $"{rect} is outside the accumulator region {Region}.");
    }
}
