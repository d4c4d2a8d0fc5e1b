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

    private static readonly Scalar PowerFloor = 1e-30f.ToScalar();
    private static readonly Scalar WhiteningFloor = 1e-20f.ToScalar();
    private static readonly Scalar MinusHalf = (-0.5).ToScalar();
    private static readonly Scalar InverseTwoPi = (1 / (2 * Math.PI)).ToScalar();

    private readonly FrequencyCorrelatorOptions _options;
    private readonly HalfSpectrum _spectrum;
    private readonly ShiftedApodisation _apodisation;
    private readonly PhasePlaneFit _fit;
    private readonly DftUpsampler? _upsampler;
    private readonly Scalar _planeSize;
    private readonly Tensor _peakStrides; // [1, 2] int64: flat-index steps of a row and a column of the peak surface
    private readonly Scalar _maskThreshold;

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
        _planeSize = ((double)options.Window * options.Window).ToScalar();
        _maskThreshold = options.MaskThreshold.ToScalar();
        using (NewDisposeScope()) _peakStrides = tensor(new long[] { options.Window / 2, 1 }, [1, 2], device: Device).DetachFromDisposeScope();
    }

    public override string Method => "frequency";
    public FrequencyCorrelatorOptions Options => _options;

    // The correlator is invariant to each window's contrast (the mask and weights are relative to the window's own
    // peak), so the windows are only centred, PRE and POST in one tensor: one op per batch instead of one per image.
    protected override Tensor CorrelateGathered(WindowBatch batch)
    {
        var (windows, usable) = batch.Centred(Device);
        return Correlate(windows, usable);
    }

    protected override Tensor CorrelateBatch(Tensor pre, Tensor post, Tensor usable) => Correlate(stack([pre, post]), usable);

    // windows: [2, B, N, N] zero-mean PRE and POST windows.
    private Tensor Correlate(Tensor windows, Tensor usable)
    {
        Tensor preSpectrum;
        Spectra spectra;
        using (var scope = NewDisposeScope())
        {
            var both = fft.rfft2(windows * _apodisation.Window);
            preSpectrum = scope.MoveToOuter(both[0]);
            spectra = Analyse((both[1] * preSpectrum.conj()).flatten(1), withPeakBlock: true).MoveTo(scope);
        }
        var (shiftY, shiftX) = IntegerPeak(spectra.PeakBlock!);

        // Second pass for the windows that moved: POST apodised by the translated window, PRE's spectrum reused.
        var moved = (usable & (shiftY.ne(TorchScalars.Zero) | shiftX.ne(TorchScalars.Zero))).nonzero().flatten();
        if (moved.shape[0] > 0)
        {
            using var scope = NewDisposeScope();
            var window = _apodisation.Shifted(shiftY.index_select(0, moved), shiftX.index_select(0, moved));
            var crossMoved = (fft.rfft2(windows[1].index_select(0, moved) * window) * preSpectrum.index_select(0, moved).conj()).flatten(1);
            var again = Analyse(crossMoved, withPeakBlock: false);
            spectra = new Spectra(
                spectra.Phase.index_copy(0, moved, again.Phase),
                spectra.Weights.index_copy(0, moved, again.Weights),
                spectra.Masked?.index_copy(0, moved, again.Masked!),
                null).MoveTo(scope);
        }

        var start = stack([shiftX, shiftY], 1).to_type(ScalarType.Float32);
        Tensor d = _options.SubPixel == SubPixelMethod.PhasePlane
            ? _fit.Fit(spectra.Phase, spectra.Weights, start, _options.Iterations, _options.RobustIterations, _options.Tolerance)
            : UpsampledPeak(spectra.Masked!, start);
        var quality = _fit.Coherence(spectra.Phase, spectra.Weights, d);
        using var minQuality = _options.MinQuality.ToScalar();
        var ok = d.isfinite().all(1).logical_and_(usable).logical_and_(quality.ge(minQuality));
        return cat([d.masked_fill(ok.logical_not().unsqueeze(1), TorchScalars.NaN), quality.nan_to_num(0, 0, 0).unsqueeze(1)], 1);
    }

    /// <summary>
    /// What the fit needs from a cross-power spectrum C [B, K] (natural rfft2 order), in <see cref="HalfSpectrum"/>'s
    /// fit order: arg C / 2π [B, FitCount] and the weights mask · |C|/max|C| · column weight · anti-aliasing weight
    /// [B, FitCount]; the whitened, masked |ω| &lt; ¼ block for the integer peak; and, for
    /// <see cref="SubPixelMethod.UpsampledDft"/>, C · mask · anti-aliasing weight [B, N, N/2+1].
    /// Real and imaginary parts are read as separate planes: |C|² and atan2 on contiguous float rows are several times
    /// faster than complex abs and angle.
    /// </summary>
    private Spectra Analyse(Tensor cross, bool withPeakBlock)
    {
        int k = _spectrum.K, fit = _spectrum.FitCount, block = _spectrum.PeakBlockSize;
        var planes = view_as_real(cross).flatten(1).index_select(1, _spectrum.PlanarOrder); // [B, 2K]: Re C, Im C
        var re = planes.narrow(1, 0, k);
        var im = planes.narrow(1, k, k);
        // Leprince et al. (2007): LS = log10|C|, NLS = LS − max LS; keep ω where NLS ≥ m · mean(NLS), the mean taken
        // over the full plane (column weights), i.e. LS ≥ max + m · (mean LS − max). Here in units of 2·LS = log10|C|².
        var power = (re * re).addcmul_(im, im, TorchScalars.One).clamp_min_(PowerFloor);
        var ls2 = power.log10();
        var peak2 = ls2.amax([1], keepdim: true);
        var mean2 = ls2.matmul(_spectrum.ColumnWeight).unsqueeze(1).div_(_planeSize);
        var threshold2 = TorchScalars.Add(peak2, (mean2 - peak2).mul_(_maskThreshold));
        // 1 + sign(LS − threshold): 2 inside the mask, 0 outside (the halved weights below take the 2 back).
        var mask2 = ls2.sub_(threshold2).sign_().add_(TorchScalars.One, TorchScalars.One);
        // Inside the mask, frequencies are weighted by |C|: the phase of a weak frequency is dominated by the
        // apodisation window's own (zero-shift) leakage and by noise, and equal weights bias the fit toward zero
        // (measured: 0.339 px for a true 0.37 px with binary weights, 0.3685 px with |C| weights).
        var scale = pow(10, peak2.mul_(MinusHalf)); // 1/max|C|; 10 becomes a 0-d tensor of this dispose scope, not a Scalar
        var magnitude = power.narrow(1, 0, fit).sqrt();
        var weights = (magnitude * mask2.narrow(1, 0, fit)).mul_(_spectrum.HalfFitWeight).mul_(scale);
        var phase = atan2(im.narrow(1, 0, fit), re.narrow(1, 0, fit)).mul_(InverseTwoPi);
        // Whitened masked low block: the phase correlation at 2-pixel spacing, enough to place the integer peak.
        Tensor? peakBlock = null;
        if (withPeakBlock)
        {
            var factor = TorchScalars.Add(magnitude.narrow(1, 0, block), WhiteningFloor).reciprocal_()
                .mul_(mask2.narrow(1, 0, block)).mul_(_spectrum.HalfPeakSign);
            peakBlock = complex(re.narrow(1, 0, block) * factor, im.narrow(1, 0, block) * factor);
        }
        var masked = _options.SubPixel == SubPixelMethod.UpsampledDft
            ? (cross * (mask2 * _spectrum.HalfUsableSpectralWeight).index_select(1, _spectrum.InverseOrder)).view(-1, _spectrum.N, _spectrum.Columns)
            : null;
        return new Spectra(phase, weights, masked, peakBlock);
    }

    // The peak of the masked phase-correlation surface (the unmasked one is swamped by frequencies that carry no
    // signal — band limits, aliasing — each of which whitening would otherwise weigh as much as the rest), from its
    // |ω| < ¼ part on a 2-pixel grid (zero lag at the centre: the block carries the (−1)^(row+column) of that roll),
    // located to a fraction of a pixel by a parabola through the maximum and its neighbours along each axis
    // (clamped into the surface) and rounded. The fit's first, low-band iteration then tolerates a start off by up
    // to about a pixel. Both axes at once, as [B, 2] (row, column) tensors: the surface is tiny, the op count is
    // what costs.
    private (Tensor ShiftY, Tensor ShiftX) IntegerPeak(Tensor peakBlock)
    {
        int small = _spectrum.N / 2, quarter = small / 2;
        var surface = fft.irfft2(peakBlock.view(-1, small, small / 2 + 1), s: [small, small]).flatten(1);
        var (peak, index) = surface.max(1, keepdim: true);
        using var width = small.ToScalar();
        using var last = (small - 1).ToScalar();
        var position = cat([index.div(width, RoundingMode.floor), index.remainder(width)], 1);         // [B, 2]
        var below = position.sub(TorchScalars.One).clamp_min_(TorchScalars.Zero).sub_(position).mul_(_peakStrides);
        var above = TorchScalars.Add(position, TorchScalars.One).clamp_max_(last).sub_(position).mul_(_peakStrides);
        var neighbours = surface.gather(1, TorchScalars.Add(cat([below, above], 1), index));             // [B, 4]
        var minus = neighbours.narrow(1, 0, 2);
        var plus = neighbours.narrow(1, 2, 2);
        var curvature = TorchScalars.Add(minus - peak.mul(TorchScalars.Two), plus);
        var offset = (minus - plus).div_(curvature.mul(TorchScalars.Two)).clamp_(MinusHalf, TorchScalars.Half)
            .masked_fill_(curvature.lt(TorchScalars.Zero).logical_not_(), TorchScalars.Zero);
        using var centre = quarter.ToScalar();
        var lag = TorchScalars.Add(position.sub(centre).to_type(ScalarType.Float32), offset).mul_(TorchScalars.Two).round_().to_type(ScalarType.Int64);
        return (lag.select(1, 0), lag.select(1, 1));
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

    private sealed record Spectra(Tensor Phase, Tensor Weights, Tensor? Masked, Tensor? PeakBlock)
    {
        public Spectra MoveTo(DisposeScope scope)
        {
            scope.MoveToOuter(Phase);
            scope.MoveToOuter(Weights);
            if (Masked is not null) scope.MoveToOuter(Masked);
            if (PeakBlock is not null) scope.MoveToOuter(PeakBlock);
            return this;
        }
    }

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
            _planeSize.Dispose();
            _maskThreshold.Dispose();
            _peakStrides.Dispose();
        }
        base.Dispose(disposing);
    }
}
