using GeoFlowNetSar.Correlators.Windows;

namespace GeoFlowNetSar.Correlators.Ampcor;

/// <summary>
/// Settings of the Ampcor-style correlator (ROI_PAC / ISCE ampcor): chips oversampled before correlation, NCC by FFT,
/// gross integer offset, the correlation surface zoomed around the peak, SNR and covariance per window.
/// </summary>
/// <param name="Window">Window edge in pixels. The reference chip is the inner (Window − 2·SearchRadius)² of PRE, the
/// search chip the whole POST window, so nothing outside the window pair is read.</param>
/// <param name="Step">Grid step in pixels.</param>
/// <param name="SearchRadius">R: lags in [−R, R]² px are searched. The zoom window must fit inside the searched lags,
/// so displacements up to R − ZoomWindow/(2·DataOversampling) px (4 px with the defaults) are measured; beyond → NaN.</param>
/// <param name="DataOversampling">k: both chips are oversampled k× by FFT zero-padding before correlating (1 or 2; Ampcor: 2).</param>
/// <param name="ZoomFactor">The correlation surface is oversampled this many times around its peak (Ampcor: 64); the
/// offset is the maximum on that grid: 1/(k·ZoomFactor) px steps, no curve fit.</param>
/// <param name="ZoomWindow">Edge, in correlation-surface samples, of the window around the peak that is zoomed (even).</param>
/// <param name="MinSnr">Windows whose SNR (peak NCC / mean |NCC| away from the peak) is below this give NaN. Measured at
/// 64/16 on native single-look FaultDeform-SAR 512² pairs: 5th percentile 2.2 / 2.8 / 3.3 at coherence 0.6 / 0.75 / 0.9
/// (median 5.4 / 7.2 / 9.5); unrelated images give NaN in 86 % of windows and SNR ≤ 2.7 in 95 %. 2.5 keeps ≈ 93–97 % of
/// coherent windows; the former 6 dropped more than half of them (evaluate coverage 46 %).</param>
/// <param name="MinPeakNcc">Windows whose (zoomed) peak NCC is below this give NaN too (0 = off, as Ampcor). The
/// peak-to-mean SNR hardly notices a window that partly sees changed ground; the peak height does.</param>
/// <param name="Deramp">Remove a best-fit intensity plane from each chip first.</param>
/// <param name="Wallis">Wallis-filter each chip first (local mean/contrast normalisation over <paramref name="WallisSize"/>²).</param>
/// <param name="WallisSize">Box edge of the Wallis filter (odd).</param>
/// <param name="Smoothing">Taps of the binomial anti-peak-locking pre-filter (3 = [1 2 1]/4; 0 or 1 = none, as Ampcor).</param>
/// <param name="SmoothOversampled">Apply <paramref name="Smoothing"/> to the k×-oversampled chips instead of the native ones:
/// [1 2 1]/4 then weighs native frequency ω by cos²(πω/k) (½ at Nyquist for k = 2) instead of cos²(πω) (0 at Nyquist).</param>
/// <param name="Peak">Sub-pixel peak method (Ampcor: <see cref="AmpcorPeak.Zoom"/>).</param>
/// <param name="BatchSize">Windows per libtorch batch. 32 keeps a batch's intermediates in the core's cache: on one thread
/// (quiet machine, 64/8, 1024²) 78 µs per window against 91 at 64 and 90 at 16; on two threads 32 and 64 tie.</param>
public sealed record AmpcorCorrelatorOptions(
    int Window = 64,
    int Step = 16,
    int SearchRadius = 8,
    int DataOversampling = 2,
    int ZoomFactor = 64,
    int ZoomWindow = 16,
    double MinSnr = 2.5,
    double MinPeakNcc = 0.2,
    bool Deramp = false,
    bool Wallis = false,
    int WallisSize = 15,
    int Smoothing = 3,
    bool SmoothOversampled = true,
    AmpcorPeak Peak = AmpcorPeak.Zoom,
    int BatchSize = 32)
{
    /// <summary>Half the zoom window in native pixels: how much of the search range the zoom needs beyond the peak.</summary>
    public double ZoomHalfWidthPixels => ZoomWindow / 2.0 / DataOversampling;

    public void Validate()
    {
        if (Window < 8) throw new ArgumentOutOfRangeException(nameof(Window), $"The window must be at least 8 pixels (got {Window}).");
        if (Step < 1) throw new ArgumentOutOfRangeException(nameof(Step), $"The step must be at least 1 pixel (got {Step}).");
        if (DataOversampling is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(DataOversampling), $"Oversample the data 1 to 4 times (got {DataOversampling}).");
        if (ZoomWindow < 4 || ZoomWindow % 2 != 0) throw new ArgumentOutOfRangeException(nameof(ZoomWindow), $"The zoom window must be even and at least 4 samples (got {ZoomWindow}).");
        if (SearchRadius * DataOversampling < ZoomWindow / 2 + 1)
            throw new ArgumentOutOfRangeException(nameof(SearchRadius),
                $"A {SearchRadius}-pixel search radius cannot hold a {ZoomWindow}-sample zoom window at {DataOversampling}× oversampling.");
        if (Window - 2 * SearchRadius < 4)
            throw new ArgumentOutOfRangeException(nameof(SearchRadius), $"A {SearchRadius}-pixel search radius leaves no reference chip in a {Window}-pixel window.");
        if (ZoomFactor < 8) throw new ArgumentOutOfRangeException(nameof(ZoomFactor), $"Zoom the surface at least 8 times (got {ZoomFactor}).");
        if (MinPeakNcc is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(MinPeakNcc), "The minimum peak NCC must be in [0, 1].");
        if (MinSnr < 0) throw new ArgumentOutOfRangeException(nameof(MinSnr), "The SNR threshold cannot be negative.");
        if (WallisSize < 3 || WallisSize % 2 == 0) throw new ArgumentOutOfRangeException(nameof(WallisSize), $"The Wallis box must be odd and at least 3 (got {WallisSize}).");
        BinomialSmoothing.Validate(Smoothing);
        if (!Enum.IsDefined(Peak)) throw new ArgumentOutOfRangeException(nameof(Peak), $"Unknown peak method {Peak}.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), $"The batch size must be at least 1 (got {BatchSize}).");
    }
}
