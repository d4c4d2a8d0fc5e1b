using GeoFlowNetSar.Correlators.Windows;

namespace GeoFlowNetSar.Correlators.Spatial;

/// <summary>
/// Settings of the COSI-Corr-style spatial (statistical) correlator: normalised cross-correlation over an integer
/// search range, sub-pixel peak from the DFT-upsampled correlation surface.
/// </summary>
/// <param name="Window">Window edge in pixels. The template is the inner (Window − 2·SearchRadius)² of the PRE window;
/// it is searched over the whole POST window, so nothing outside the window pair is read.</param>
/// <param name="Step">Grid step in pixels.</param>
/// <param name="SearchRadius">R: integer lags in [−R, R]² are searched. A peak on the last lag (|lag| = R) cannot be
/// refined and gives NaN, so displacements up to about R − ½ px are measured.</param>
/// <param name="Oversampling">U: the correlation surface is evaluated every 1/U px around the integer peak (two stages:
/// 1/8 px over ±1 px, then 1/U px over ±3/16 px), then a parabola through the finest maximum and its neighbours.</param>
/// <param name="MinPeakNcc">Windows whose peak normalised correlation is below this give NaN.</param>
/// <param name="Smoothing">Taps of the binomial pre-filter applied to both windows (3 = [1 2 1]/4, 5 = [1 4 6 4 1]/16;
/// 0 or 1 = none, as COSI-Corr). It reduces peak-locking on aliased amplitude.</param>
/// <param name="TemplateTaper">Raised-cosine roll-off of the template weights over this many pixels at its edges (0 = a
/// plain box, as COSI-Corr), so the weighted NCC interpolates without ringing.</param>
/// <param name="BatchSize">Windows per libtorch batch.</param>
public sealed record SpatialCorrelatorOptions(
    int Window = 64,
    int Step = 16,
    int SearchRadius = 4,
    int Oversampling = 64,
    double MinPeakNcc = 0.3,
    int Smoothing = 3,
    int TemplateTaper = 4,
    int BatchSize = 64)
{
    public void Validate()
    {
        if (Window < 8) throw new ArgumentOutOfRangeException(nameof(Window), $"The window must be at least 8 pixels (got {Window}).");
        if (Step < 1) throw new ArgumentOutOfRangeException(nameof(Step), $"The step must be at least 1 pixel (got {Step}).");
        if (SearchRadius < 2) throw new ArgumentOutOfRangeException(nameof(SearchRadius), $"The search radius must be at least 2 pixels (got {SearchRadius}).");
        if (Window - 2 * SearchRadius < 4)
            throw new ArgumentOutOfRangeException(nameof(SearchRadius), $"A {SearchRadius}-pixel search radius leaves no template in a {Window}-pixel window.");
        if (Oversampling < 8) throw new ArgumentOutOfRangeException(nameof(Oversampling), $"Oversample the surface at least 8 times (got {Oversampling}).");
        if (MinPeakNcc is < -1 or > 1) throw new ArgumentOutOfRangeException(nameof(MinPeakNcc), "The minimum peak NCC must be in [−1, 1].");
        BinomialSmoothing.Validate(Smoothing);
        if (TemplateTaper < 0 || 2 * TemplateTaper >= Window - 2 * SearchRadius)
            throw new ArgumentOutOfRangeException(nameof(TemplateTaper), $"A {TemplateTaper}-pixel taper does not fit the {Window - 2 * SearchRadius}-pixel template.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), $"The batch size must be at least 1 (got {BatchSize}).");
    }
}
