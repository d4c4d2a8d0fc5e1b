using GeoFlowNetSar.Correlators.Frequency;

namespace GeoFlowNetSar.Estimators;

/// <summary>
/// Quality thresholds and sub-pixel method that override a correlator's defaults; null keeps the method's own.
/// </summary>
/// <param name="MinCorrelation">Windows whose correlation measure is below this give NaN. The measure is the
/// method's own: frequency — phase-fit quality (|C|-weighted mean cosine of the residual phase, 0..1); spatial and
/// ampcor — peak normalised cross-correlation (0..1).</param>
/// <param name="MinSnr">Ampcor only: windows whose SNR (peak NCC / mean |NCC| away from the peak) is below this give NaN.</param>
/// <param name="SubPixel">Frequency only: phase-plane fit (COSI-Corr) or Guizar-Sicairos upsampled DFT.</param>
public sealed record CorrelatorTuning(double? MinCorrelation = null, double? MinSnr = null, SubPixelMethod? SubPixel = null)
{
    public static CorrelatorTuning None { get; } = new();

    public bool IsEmpty => MinCorrelation is null && MinSnr is null && SubPixel is null;

    /// <summary>Names of the knobs set here that <paramref name="method"/> has no use for (empty when all apply).</summary>
    public IReadOnlyList<string> Inapplicable(string method)
    {
        var unused = new List<string>();
        string name = method.ToLowerInvariant();
        if (MinCorrelation is not null && name is not ("frequency" or "spatial" or "ampcor")) unused.Add("minimum correlation");
        if (MinSnr is not null && name != "ampcor") unused.Add("minimum SNR");
        if (SubPixel is not null && name != "frequency") unused.Add("sub-pixel method");
        return unused;
    }

    /// <summary>Range checks shared by every method; messages name the setting and the value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A threshold outside its range.</exception>
    public void Validate()
    {
        if (MinCorrelation is { } c && !(c is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(MinCorrelation), $"The minimum correlation must be in [0, 1] (got {c}).");
        if (MinSnr is { } s && !(s >= 0 && double.IsFinite(s)))
            throw new ArgumentOutOfRangeException(nameof(MinSnr), $"The minimum SNR must be a finite number ≥ 0 (got {s}).");
    }
}
