using GeoFlowNetSar.Correlators.Surfaces;
using GeoFlowNetSar.Correlators.Windows;
using GeoFlowNetSar.TorchSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Frequency;

/// <summary>
/// COSI-Corr's frequency correlator (Leprince et al., 2007), batched over windows with libtorch real FFTs:
/// raised-cosine apodisation, cross-power spectrum C = F_post·F_pre*, Leprince's frequency mask, the integer shift
/// from the peak of the masked phase correlation IFFT(C/|C|) (its |ω| &lt; ¼ part, on a 2-pixel grid), then the
/// sub-pixel shift from a |C|-weighted robust least-squares fit of the phase plane arg C(ω) = −2π ω·d over the
/// frequencies that matter (or, as an option, the upsampled-DFT peak). Everything is real FFTs of real windows:
/// half spectra with doubled weights (<see cref="HalfSpectrum"/>).
/// Windows whose integer shift is not 0 get a second pass with POST apodised by the window translated by that
/// shift (<see cref="ShiftedApodisation"/>), reusing PRE's spectrum, and the fit starts from the shift.
/// Sign (DESIGN.md): POST(p + d) = PRE(p) ⇒ F_post = F_pre·e^{−i2π ω·d}, so IFFT(C/|C|) peaks at +d.
/// Frequencies can further be weighted by cos^p(πωx)·cos^p(πωy) (<see cref="FrequencyCorrelatorOptions.SpectralWeighting"/>,
/// p = 4 is the response of [1 2 1]/4 smoothing applied to both images) against the aliased high frequencies of
/// detected amplitude. It helps a constant shift on 2×-oversampled speckle a little (mean |error| 0.005/0.007 px with
/// p = 0, 0.004/0.004 px with p = 4) but hurts on fault scenes (the options' ablation), so the default is COSI-Corr's
/// p = 0.
/// Quality = the weighted mean cosine of the residual phase (≈ |mean residual phasor|); below
/// <see cref="FrequencyCorrelatorOptions.MinQuality"/> the window gives NaN.
/// </summary>
public sealed class FrequencyCorrelator : BatchedWindowCorrelator
{
    private const int CoarseFactor = 8;

    private static readonly Scalar LogFloor = 1e-30f.ToScalar();
    private static readonly Scalar WhiteningFloor = 1e-20f.ToScalar();

    private readonly FrequencyCorrelatorOptions _options;
    private readonly HalfSpectrum _spectrum;
    private readonly ShiftedApodisation _apodisation;
    private readonly PhasePlaneFit _fit;
    private readonly DftUpsampler? _upsampler;

    public FrequencyCorrelator(FrequencyCorrelatorOptions? options = null, Device? device = null)
        : this(Validated(options ?? new FrequencyCorrelatorOptions()), device, validated: true)
    {
    }

    private FrequencyCorrelator(FrequencyCorrelatorOptions options, Device? device, bool validated)
        : base(options.Window, options.Step, options.BatchSize, fieldCount: 3, device)
    {
        _options = options;
        _spectrum = new HalfSpectrum(options.Window, options.SpectralWeighting, Device);
        _apodisation = new ShiftedApodisation(options.Window, options.TaperFraction, Device);
        _fit = new PhasePlaneFit(_spectrum);
        if (options.SubPixel == SubPixelMethod.UpsampledDft) _upsampler = new DftUpsampler(options.Window, Device);
    }

    public override string Method => "frequency";
    public FrequencyCorrelatorOptions Options => _options;

    protected override Tensor CorrelateBatch(Tensor pre, Tensor post, Tensor usable)
    {
        var preSpectrum = fft.rfft2(pre * _apodisation.Window);
        var cross = (fft.rfft2(post * _apodisation.Window) * preSpectrum.conj()).flatten(1);
        var spectra = Analyse(cross);
        var (shiftY, shiftX) = IntegerPeak(spectra);

        // Second pass for the windows that moved: POST apodised by the translated window, PRE's spectrum reused.
        var moved = (usable & (shiftY.ne(TorchScalars.Zero) | shiftX.ne(TorchScalars.Zero))).nonzero().flatten();
        if (moved.shape[0] > 0)
        {
            var window = _apodisation.Shifted(shiftY.index_select(0, moved), shiftX.index_select(0, moved));
            var crossMoved = (fft.rfft2(post.index_select(0, moved) * window) * preSpectrum.index_select(0, moved).conj()).flatten(1);
            var again = Analyse(crossMoved, withLowBand: false);
            spectra = new Spectra(
                spectra.Phase.index_copy(0, moved, again.Phase),
                spectra.Weights.index_copy(0, moved, again.Weights),
                spectra.Masked?.index_copy(0, moved, again.Masked!),
                spectra.Low);
        }

        var start = stack([shiftX, shiftY], 1).to_type(ScalarType.Float32);
        Tensor d = _options.SubPixel == SubPixelMethod.PhasePlane
            ? _fit.Fit(spectra.Phase, spectra.Weights, start, _options.Iterations, _options.RobustIterations, _options.Tolerance)
            : UpsampledPeak(spectra.Masked!, start);
        var quality = _fit.Coherence(spectra.Phase, spectra.Weights, d);
        var dx = d.select(1, 0);
        var dy = d.select(1, 1);
        using var minQuality = _options.MinQuality.ToScalar();
        var ok = usable & dx.isfinite() & dy.isfinite() & quality.ge(minQuality);
        return Reject(stack([dx, dy, quality.nan_to_num(0, 0, 0)], 1), ok);
    }

    /// <summary>
    /// What the fit needs from a cross-power spectrum C [B, K]: over the fit band, arg C + π [B, K'] and the weights
    /// mask · |C|/max|C| · column weight · anti-aliasing weight [B, K']; the whitened, masked |ω| &lt; ¼ block for the
    /// integer peak; and, for <see cref="SubPixelMethod.UpsampledDft"/>, C · mask · anti-aliasing weight [B, N, N/2+1].
    /// </summary>
    private Spectra Analyse(Tensor cross, bool withLowBand = true)
    {
        var magnitude = cross.abs();
        // Leprince et al. (2007): LS = log10|C|, NLS = LS − max LS; keep ω where NLS ≥ m · mean(NLS), the mean taken
        // over the full plane (column weights), i.e. LS ≥ max + m · (mean LS − max).
        using var planeSize = ((double)_spectrum.N * _spectrum.N).ToScalar();
        using var threshold = _options.MaskThreshold.ToScalar();
        var ls = TorchScalars.Add(magnitude, LogFloor).log10();
        var peak = ls.amax([1], keepdim: true);
        var mean = ls.matmul(_spectrum.ColumnWeight).unsqueeze(1).div(planeSize);
        var mask = ls.ge(TorchScalars.Add(peak, (mean - peak).mul(threshold))).to_type(ScalarType.Float32).mul_(_spectrum.Usable);
        // Inside the mask, frequencies are weighted by |C|: the phase of a weak frequency is dominated by the
        // apodisation window's own (zero-shift) leakage and by noise, and equal weights bias the fit toward zero
        // (measured: 0.339 px for a true 0.37 px with binary weights, 0.3685 px with |C| weights).
        var maskedMagnitude = mask * magnitude;
        var scale = pow(10, -peak); // 10 becomes a 0-d tensor of this dispose scope, not a Scalar
        var weights = maskedMagnitude.index_select(1, _spectrum.FitIndex).mul_(_spectrum.FitWeight).mul_(scale);
        var phase = cross.index_select(1, _spectrum.FitIndex).angle().add_(TorchScalars.Pi, TorchScalars.One);
        // Whitened masked low band: the phase correlation at 2-pixel spacing, enough to place the integer peak.
        var low = withLowBand
            ? cross.index_select(1, _spectrum.LowIndex)
                * mask.index_select(1, _spectrum.LowIndex).div_(magnitude.index_select(1, _spectrum.LowIndex).add_(WhiteningFloor, TorchScalars.One))
            : null;
        var masked = _options.SubPixel == SubPixelMethod.UpsampledDft
            ? (cross * (mask * _spectrum.SpectralWeight)).view(-1, _spectrum.N, _spectrum.Columns)
            : null;
        return new Spectra(phase, weights, masked, low);
    }

    // The peak of the masked phase-correlation surface (the unmasked one is swamped by frequencies that carry no
    // signal — band limits, aliasing — each of which whitening would otherwise weigh as much as the rest), from its
    // |ω| < ¼ part on a 2-pixel grid, located to a fraction of a pixel by a parabola and rounded. The fit's first,
    // low-band iteration then tolerates a start off by up to about a pixel.
    private (Tensor ShiftY, Tensor ShiftX) IntegerPeak(Spectra spectra)
    {
        int small = _spectrum.N / 2, quarter = small / 2;
        var surface = fft.irfft2(spectra.Low!.view(-1, small, small / 2 + 1), s: [small, small]).roll([quarter, quarter], [1, 2]);
        var (row, column, _) = SurfacePeak.ArgMax(surface);
        var (dy, dx) = SurfacePeak.ParabolicVertex(surface, row, column);
        using var centre = quarter.ToScalar();
        var lagY = TorchScalars.Add(row.sub(centre).to_type(ScalarType.Float32), dy).mul(TorchScalars.Two);
        var lagX = TorchScalars.Add(column.sub(centre).to_type(ScalarType.Float32), dx).mul(TorchScalars.Two);
        return (lagY.round().to_type(ScalarType.Int64), lagX.round().to_type(ScalarType.Int64));
    }

    private Tensor UpsampledPeak(Tensor masked, Tensor start)
    {
        var upsampler = _upsampler!;
        Tensor Surface(Tensor y, Tensor x, int points, double spacing) => upsampler.Evaluate(masked, y, x, points, spacing);
        // The integer start can be off by one (it comes from the 2-pixel grid): search ±1.5 px.
        var (y, x, _) = PeakZoom.Refine(Surface, start.select(1, 1), start.select(1, 0), radius: 1.5,
            CoarseFactor, _options.Upsampling, parabola: true);
        return stack([x, y], 1);
    }

    private sealed record Spectra(Tensor Phase, Tensor Weights, Tensor? Masked, Tensor? Low);

    private static FrequencyCorrelatorOptions Validated(FrequencyCorrelatorOptions options)
    {
        options.Validate();
        return options;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _spectrum.Dispose();
            _apodisation.Dispose();
            _upsampler?.Dispose();
        }
        base.Dispose(disposing);
    }
}
