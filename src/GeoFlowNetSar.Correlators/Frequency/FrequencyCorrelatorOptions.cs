namespace GeoFlowNetSar.Correlators.Frequency;

/// <summary>
/// Settings of the COSI-Corr frequency correlator (Leprince et al., 2007, IEEE TGRS 45(6)).
/// </summary>
/// <param name="Window">Window edge in pixels (a power of two is fastest).</param>
/// <param name="Step">Grid step in pixels.</param>
/// <param name="MaskThreshold">
/// m in Leprince's frequency mask: with LS = log10|C(ω)| and NLS = LS − max LS, a frequency is kept when
/// NLS ≥ m · mean(NLS). Larger m keeps fewer, stronger frequencies.
/// </param>
/// <param name="Iterations">Gauss–Newton iterations of the phase-plane fit.</param>
/// <param name="RobustIterations">Of those, how many re-weight frequencies by their phase residual (biweight).</param>
/// <param name="MinQuality">Windows whose fit quality (|mean residual phasor|, 0..1) is below this give NaN.</param>
/// <param name="TaperFraction">β of the raised-cosine window: the fraction of each edge that is tapered.</param>
public sealed record FrequencyCorrelatorOptions(
    int Window = 128,
    int Step = 2,
    double MaskThreshold = 0.9,
    int Iterations = 4,
    int RobustIterations = 2,
    double MinQuality = 0.05,
    double TaperFraction = 0.5,
    int BatchSize = 128)
{
    public void Validate()
    {
        if (Window < 8) throw new ArgumentOutOfRangeException(nameof(Window), $"The window must be at least 8 pixels (got {Window}).");
        if (Step < 1) throw new ArgumentOutOfRangeException(nameof(Step), $"The step must be at least 1 pixel (got {Step}).");
        if (MaskThreshold is < 0 or > 2) throw new ArgumentOutOfRangeException(nameof(MaskThreshold), "The mask threshold m must be in [0, 2].");
        if (TaperFraction is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(TaperFraction), "The taper fraction must be in [0, 1].");
    }
}
