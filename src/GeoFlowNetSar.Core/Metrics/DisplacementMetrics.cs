namespace GeoFlowNetSar.Core.Metrics;

/// <summary>Error measures between an estimate and the truth, over pixels where both are finite.</summary>
public static class DisplacementMetrics
{
    /// <summary>Mean absolute error and the number of pixels it is taken over (finite in both, inside the mask if given).</summary>
    public static (double Mae, long Count) MeanAbsoluteError(ReadOnlySpan<float> estimate, ReadOnlySpan<float> truth, ReadOnlySpan<bool> mask = default)
    {
        var (sum, count) = AbsoluteErrorSum(estimate, truth, mask);
        return (count == 0 ? double.NaN : sum / count, count);
    }

    /// <summary>
    /// Σ|estimate − truth| and the pixel count, over pixels finite in both and inside <paramref name="mask"/> when one
    /// is given: sums pool exactly across scenes and components, means of means would not.
    /// </summary>
    public static (double Sum, long Count) AbsoluteErrorSum(ReadOnlySpan<float> estimate, ReadOnlySpan<float> truth, ReadOnlySpan<bool> mask = default)
    {
        if (estimate.Length != truth.Length)
            throw new ArgumentException($"Estimate has {estimate.Length} values, truth {truth.Length}.");
        if (!mask.IsEmpty && mask.Length != truth.Length)
            throw new ArgumentException($"The mask has {mask.Length} values, truth {truth.Length}.");
        double sum = 0;
        long count = 0;
        for (int i = 0; i < estimate.Length; i++)
        {
            float e = estimate[i], t = truth[i];
            if (!float.IsFinite(e) || !float.IsFinite(t) || (!mask.IsEmpty && !mask[i])) continue;
            sum += Math.Abs(e - t);
            count++;
        }
        return (sum, count);
    }

    /// <summary>Largest |a − b| over pixels finite in both; NaN in exactly one of them counts as infinite.</summary>
    public static double MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Lengths differ: {a.Length} vs {b.Length}.");
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            bool na = float.IsNaN(a[i]), nb = float.IsNaN(b[i]);
            if (na && nb) continue;
            if (na != nb) return double.PositiveInfinity;
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }
        return max;
    }

    /// <summary>Fraction of pixels with a finite estimate.</summary>
    public static double Coverage(ReadOnlySpan<float> estimate)
    {
        if (estimate.IsEmpty) return 0;
        long finite = 0;
        foreach (float v in estimate) if (float.IsFinite(v)) finite++;
        return (double)finite / estimate.Length;
    }

    /// <summary>
    /// Mean |d| = mean √(dx² + dy²) over pixels where both are finite: the false motion a method reports on a pair
    /// without deformation (NaN when no pixel is finite).
    /// </summary>
    public static double MeanMagnitude(ReadOnlySpan<float> dx, ReadOnlySpan<float> dy)
    {
        if (dx.Length != dy.Length) throw new ArgumentException($"Lengths differ: {dx.Length} vs {dy.Length}.");
        double sum = 0;
        long count = 0;
        for (int i = 0; i < dx.Length; i++)
        {
            if (!float.IsFinite(dx[i]) || !float.IsFinite(dy[i])) continue;
            sum += Math.Sqrt((double)dx[i] * dx[i] + (double)dy[i] * dy[i]);
            count++;
        }
        return count == 0 ? double.NaN : sum / count;
    }
}
