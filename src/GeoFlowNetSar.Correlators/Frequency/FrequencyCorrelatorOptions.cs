namespace GeoFlowNetSar.Correlators.Frequency;

/// <summary>
/// Settings of the COSI-Corr frequency correlator (Leprince et al., 2007, IEEE TGRS 45(6)).
/// </summary>
/// <param name="Window">Window edge in pixels: a multiple of 4 (a power of two is fastest).</param>
/// <param name="Step">Grid step in pixels.</param>
/// <param name="MaskThreshold">
/// m in Leprince's frequency mask: with LS = log10|C(ω)| and NLS = LS − max LS, a frequency is kept when
/// NLS ≥ m · mean(NLS). Larger m keeps fewer, stronger frequencies.
/// </param>
/// <param name="Iterations">Gauss–Newton iterations of the phase-plane fit (at most; see <paramref name="Tolerance"/>).</param>
/// <param name="RobustIterations">Of those, how many re-weight frequencies by their phase residual (biweight).</param>
/// <param name="MinQuality">Windows whose fit quality (weighted mean cosine of the residual phase, 0..1) is below this give NaN.</param>
/// <param name="TaperFraction">β of the raised-cosine window: the fraction of each edge that is tapered.</param>
/// <param name="BatchSize">Windows per libtorch batch. 64 is near the fastest on one thread at both 64/8 and 128/2
/// with <see cref="GeoFlowNetSar.TorchSupport.NativeHeap"/>'s settings (A/B on a loaded 2-core machine, relative, µs per
/// window — 64/8: 32: 84, 64: 63, 128: 59; 128/2: 16: 258, 32: 226, 64: 216, 128: 225) and costs little without them
/// (64/8: 32: 65, 64: 68; there batches of 128 spend a third of their time re-faulting the heap glibc trims).
/// Smaller batches pay libtorch's per-op cost more often.</param>
/// <param name="SubPixel">Phase-plane fit (default, COSI-Corr) or upsampled-DFT peak.</param>
/// <param name="Upsampling">Final grid factor of <see cref="SubPixelMethod.UpsampledDft"/> (1/U px).</param>
/// <param name="SpectralWeighting">p of the extra frequency weight cos^p(πωx)·cos^p(πωy) against aliasing
/// (0 = none, as COSI-Corr, the default; 4 = the response of [1 2 1]/4 smoothing of both images). On FaultDeform-SAR
/// fault scenes p = 4 cost accuracy (ablation over 6 scenes, 64/8: MAE 0.060 / 0.052 px with p = 4 against
/// 0.042 / 0.032 with p = 0), while p = 0 still recovers a constant shift on 2×-oversampled speckle to 0.006 px.</param>
/// <param name="Tolerance">The fit stops early, once robust, when no window's update exceeds this (px).</param>
public sealed record FrequencyCorrelatorOptions(
    int Window = 128,
    int Step = 2,
    double MaskThreshold = 0.9,
    int Iterations = 4,
    int RobustIterations = 2,
    double MinQuality = 0.25,
    double TaperFraction = 0.5,
    int BatchSize = 64,
    SubPixelMethod SubPixel = SubPixelMethod.PhasePlane,
    int Upsampling = 64,
    double Tolerance = 1e-4,
    double SpectralWeighting = 0)
{
    public void Validate()
    {
        if (Window < 8 || Window % 4 != 0) throw new ArgumentOutOfRangeException(nameof(Window), $"The window must be a multiple of 4 and at least 8 pixels (got {Window}).");
        if (Step < 1) throw new ArgumentOutOfRangeException(nameof(Step), $"The step must be at least 1 pixel (got {Step}).");
        if (MaskThreshold is < 0 or > 2) throw new ArgumentOutOfRangeException(nameof(MaskThreshold), "The mask threshold m must be in [0, 2].");
        if (Iterations < 1) throw new ArgumentOutOfRangeException(nameof(Iterations), $"At least one fit iteration is needed (got {Iterations}).");
        if (RobustIterations < 0 || RobustIterations > Iterations)
            throw new ArgumentOutOfRangeException(nameof(RobustIterations), "The robust iterations must be between 0 and the iterations.");
        if (TaperFraction is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(TaperFraction), "The taper fraction must be in [0, 1].");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), $"The batch size must be at least 1 (got {BatchSize}).");
        if (SpectralWeighting is < 0 or > 16) throw new ArgumentOutOfRangeException(nameof(SpectralWeighting), "The spectral weighting exponent must be in [0, 16].");
        if (Upsampling < 8) throw new ArgumentOutOfRangeException(nameof(Upsampling), $"Upsample at least 8 times (got {Upsampling}).");
    }
}
