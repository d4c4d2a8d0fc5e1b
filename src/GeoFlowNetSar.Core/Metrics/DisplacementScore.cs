namespace GeoFlowNetSar.Core.Metrics;

/// <summary>
/// The errors of one method against the truth, pooled over one or more scenes as sums and counts (a mean of scene
/// means would weight small scenes like large ones): MAE of dx and dy, near-fault and far-field MAE (both
/// components pooled, over pixels inside / outside the near-fault mask), coverage. The one scoring shared by
/// `demo`, `sweep` and `evaluate`.
/// </summary>
public sealed class DisplacementScore
{
    private double _sumDx, _sumDy, _sumNear, _sumFar;
    private long _countDx, _countDy, _countNear, _countFar, _pixels, _covered;

    public double MaeDx => Mean(_sumDx, _countDx);
    public double MaeDy => Mean(_sumDy, _countDy);

    /// <summary>Mean of MAE dx and MAE dy: the ranking score of sweeps and model selection.</summary>
    public double MeanMae => 0.5 * (MaeDx + MaeDy);

    /// <summary>MAE of dx and dy together over near-fault pixels; NaN when no scene had a rupture.</summary>
    public double NearFaultMae => Mean(_sumNear, _countNear);

    /// <summary>MAE of dx and dy together over the pixels that are not near a rupture.</summary>
    public double FarFieldMae => Mean(_sumFar, _countFar);

    /// <summary>Fraction of pixels with a finite estimate of both dx and dy.</summary>
    public double Coverage => _pixels == 0 ? double.NaN : (double)_covered / _pixels;

    public long Pixels => _pixels;

    /// <summary>Adds one scene; <paramref name="nearFault"/> marks the pixels near the rupture (all false: none).</summary>
    public void Add(ReadOnlySpan<float> dx, ReadOnlySpan<float> dy, ReadOnlySpan<float> truthDx, ReadOnlySpan<float> truthDy, ReadOnlySpan<bool> nearFault)
    {
        if (dx.Length != truthDx.Length || dy.Length != truthDy.Length || dx.Length != dy.Length || nearFault.Length != dx.Length)
            throw new ArgumentException($"Estimate ({dx.Length}, {dy.Length}), truth ({truthDx.Length}, {truthDy.Length}) and mask ({nearFault.Length}) sizes differ.");
        var far = new bool[nearFault.Length];
        for (int i = 0; i < far.Length; i++) far[i] = !nearFault[i];
        Pool(DisplacementMetrics.AbsoluteErrorSum(dx, truthDx), ref _sumDx, ref _countDx);
        Pool(DisplacementMetrics.AbsoluteErrorSum(dy, truthDy), ref _sumDy, ref _countDy);
        Pool(DisplacementMetrics.AbsoluteErrorSum(dx, truthDx, nearFault), ref _sumNear, ref _countNear);
        Pool(DisplacementMetrics.AbsoluteErrorSum(dy, truthDy, nearFault), ref _sumNear, ref _countNear);
        Pool(DisplacementMetrics.AbsoluteErrorSum(dx, truthDx, far), ref _sumFar, ref _countFar);
        Pool(DisplacementMetrics.AbsoluteErrorSum(dy, truthDy, far), ref _sumFar, ref _countFar);
        _pixels += dx.Length;
        for (int i = 0; i < dx.Length; i++)
            if (float.IsFinite(dx[i]) && float.IsFinite(dy[i])) _covered++;
    }

    /// <summary>Adds every scene of <paramref name="other"/>.</summary>
    public void Add(DisplacementScore other)
    {
        _sumDx += other._sumDx; _countDx += other._countDx;
        _sumDy += other._sumDy; _countDy += other._countDy;
        _sumNear += other._sumNear; _countNear += other._countNear;
        _sumFar += other._sumFar; _countFar += other._countFar;
        _pixels += other._pixels; _covered += other._covered;
    }

    private static double Mean(double sum, long count) => count == 0 ? double.NaN : sum / count;

    private static void Pool((double Sum, long Count) errors, ref double sum, ref long count)
    {
        sum += errors.Sum;
        count += errors.Count;
    }
}
