using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Correlators.Surfaces;
using GeoFlowNetSar.Correlators.Windows;
using GeoFlowNetSar.TorchSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Ampcor;

/// <summary>
/// Ampcor (ROI_PAC / ISCE) on amplitude windows, batched with libtorch: the normalised cross-correlation of the
/// chips oversampled k× (FFT zero-padding, then optionally smoothed) at every lag of the search range in 1/k px steps
/// (<see cref="OversampledTemplateCorrelation"/>, computed from the native chips), the gross offset at its maximum,
/// then a <see cref="AmpcorCorrelatorOptions.ZoomWindow"/>² piece of that surface around the peak oversampled
/// <see cref="AmpcorCorrelatorOptions.ZoomFactor"/>× (the piece's trigonometric interpolant on the zoom grids,
/// <see cref="DirichletZoom"/> — FFT zero-padding restricted to where it is needed) and its maximum taken as the
/// offset (other peak methods: <see cref="AmpcorPeak"/>).
/// Per window: SNR = peak NCC / mean |NCC| over the searched lags more than one native pixel away from the peak
/// (Ampcor's peak-to-mean ratio), and the covariance of <see cref="PeakCovariance"/>. Windows under
/// <see cref="AmpcorCorrelatorOptions.MinSnr"/> (or, optionally, <see cref="AmpcorCorrelatorOptions.MinPeakNcc"/>) give NaN. Quality (<see cref="WindowOffset.Quality"/>) = SNR.
/// </summary>
public sealed class AmpcorCorrelator : BatchedWindowCorrelator
{
    private const int CoarseFactor = 8;
    private const int Fields = 7; // dx, dy, snr, peak, var_x, var_y, cov_xy

    private static readonly Scalar BackgroundFloor = 1e-6.ToScalar();

    private readonly AmpcorCorrelatorOptions _options;
    private readonly OversampledTemplateCorrelation _correlation;
    private readonly DirichletZoom _zoom;

    public AmpcorCorrelator(AmpcorCorrelatorOptions? options = null, Device? device = null)
        : this(Validated(options ?? new AmpcorCorrelatorOptions()), device, validated: true)
    {
    }

    private AmpcorCorrelator(AmpcorCorrelatorOptions options, Device? device, bool validated)
        : base(options.Window, options.Step, options.BatchSize, Fields, device)
    {
        _options = options;
        int k = options.DataOversampling;
        var smoothing = BinomialSmoothing.AxisResponse(options.Smoothing, options.SmoothOversampled ? k : 1);
        _correlation = new OversampledTemplateCorrelation(options.Window, options.SearchRadius, k, smoothing, Device);
        _zoom = new DirichletZoom(options.ZoomWindow, radius: 1.0, Math.Min(CoarseFactor, options.ZoomFactor), options.ZoomFactor, Device);
    }

    public override string Method => "ampcor";
    public AmpcorCorrelatorOptions Options => _options;

    /// <summary>Like <see cref="IWindowOffsetEstimator.Estimate"/>, with SNR, peak and covariance per window.</summary>
    public void EstimateDetailed(FloatImage pre, FloatImage post, ReadOnlySpan<WindowOrigin> origins, Span<AmpcorOffset> results)
    {
        if (results.Length < origins.Length) throw new ArgumentException("One result per window is needed.", nameof(results));
        lock (Gate)
        {
            var fields = Correlate(pre, post, origins);
            for (int i = 0; i < origins.Length; i++)
            {
                var f = fields.Slice(i * Fields, Fields);
                results[i] = new AmpcorOffset(f[0], f[1], f[2], f[3], f[4], f[5], f[6]);
            }
        }
    }

    // The NCC is invariant to each chip's offset and contrast, so the windows are only centred (PRE and POST in one
    // op); the centring itself stays: it keeps E₂ − E₁²/t², the variance at each fine lag, from cancelling in float32.
    protected override Tensor CorrelateGathered(WindowBatch batch)
    {
        var (windows, usable) = batch.Centred(Device);
        return CorrelateBatch(windows[0], windows[1], usable);
    }

    protected override Tensor CorrelateBatch(Tensor pre, Tensor post, Tensor usable)
    {
        int k = _options.DataOversampling;
        int margin = k * _options.SearchRadius;
        int half = _options.ZoomWindow / 2;
        using var centre = margin.ToScalar();
        using var reach = (margin - half).ToScalar();
        using var zoomCentre = half.ToScalar();
        using var oversampling = k.ToScalar();
        using var minSnr = _options.MinSnr.ToScalar();
        using var minPeak = _options.MinPeakNcc.ToScalar();
        var ncc = _correlation.Compute(Prefilter(pre), Prefilter(post));
        var (row, column, integerPeak) = SurfacePeak.ArgMax(ncc);
        var inside = row.sub(centre).abs().le(reach) & column.sub(centre).abs().le(reach);

        Tensor y, x, peak; // peak position in zoom-window samples (the gross peak at `half`) and height
        if (_options.Peak == AmpcorPeak.Parabola)
        {
            var (vy, vx) = SurfacePeak.ParabolicVertex(ncc, row, column);
            (y, x, peak) = (TorchScalars.Add(vy, zoomCentre), TorchScalars.Add(vx, zoomCentre), integerPeak);
        }
        else
        {
            // Zoom: the ZoomWindow² samples around the peak (the peak at index `half`), oversampled through their
            // trigonometric interpolant.
            Tensor surface, zoomRow, zoomColumn;
            double spacing;
            (y, x, peak, surface, zoomRow, zoomColumn, spacing) = _zoom.Refine(Extract(ncc, row, column, _options.ZoomWindow));
            if (_options.Peak == AmpcorPeak.ZoomParabola)
            {
                var (vy, vx) = SurfacePeak.ParabolicVertex(surface, zoomRow, zoomColumn);
                using var step = spacing.ToScalar();
                (y, x) = (TorchScalars.Add(y, vy.mul(step)), TorchScalars.Add(x, vx.mul(step)));
            }
        }
        var dy = TorchScalars.Add(row.sub(centre).to_type(ScalarType.Float32), y.sub(zoomCentre)).div(oversampling);
        var dx = TorchScalars.Add(column.sub(centre).to_type(ScalarType.Float32), x.sub(zoomCentre)).div(oversampling);

        var snr = peak / MeanAbsAwayFromPeak(ncc, row, column, k).clamp_min(BackgroundFloor);
        double chipPixels = Math.Pow(_options.Window - 2 * _options.SearchRadius, 2);
        var covariance = PeakCovariance.Estimate(SurfacePeak.Neighbourhood(ncc, row, column, distance: k), chipPixels);
        var ok = usable & inside & snr.ge(minSnr) & peak.ge(minPeak) & dx.isfinite() & dy.isfinite();
        var table = cat([stack([dx, dy, snr.nan_to_num(0, 0, 0), peak], 1), covariance], 1);
        return Reject(table, ok);
    }

    private Tensor Prefilter(Tensor windows)
    {
        if (_options.Deramp) windows = WindowPrefilters.Deramp(windows);
        if (_options.Wallis) windows = WindowPrefilters.Wallis(windows, _options.WallisSize);
        return windows;
    }

    // surface[b, row + i − size/2, column + j − size/2], i, j ∈ [0, size), indices clamped (windows too close to the
    // border are rejected anyway).
    private static Tensor Extract(Tensor surface, Tensor row, Tensor column, int size)
    {
        long lags = surface.shape[1];
        using var centre = (size / 2).ToScalar();
        using var last = (lags - 1).ToScalar();
        using var width = lags.ToScalar();
        var steps = TorchScalars.Arange(size, ScalarType.Int64, surface.device).view(1, -1).sub(centre);
        var rows = TorchScalars.Add(row.view(-1, 1), steps).clamp(TorchScalars.Zero, last);       // [B, size]
        var columns = TorchScalars.Add(column.view(-1, 1), steps).clamp(TorchScalars.Zero, last);
        var index = TorchScalars.Add(rows.unsqueeze(2).mul(width), columns.unsqueeze(1)).flatten(1);
        return surface.flatten(1).gather(1, index).view(-1, size, size);
    }

    // Mean |NCC| over the searched lags farther than one native pixel (k samples) from the peak in either axis.
    private static Tensor MeanAbsAwayFromPeak(Tensor surface, Tensor row, Tensor column, int k)
    {
        long lags = surface.shape[1];
        using var near = k.ToScalar();
        var index = TorchScalars.Arange(lags, ScalarType.Int64, surface.device);
        var awayRow = (index.view(1, -1) - row.view(-1, 1)).abs().gt(near);       // [B, L]
        var awayColumn = (index.view(1, -1) - column.view(-1, 1)).abs().gt(near);
        var away = (awayRow.unsqueeze(2) | awayColumn.unsqueeze(1)).to_type(ScalarType.Float32);
        return (surface.abs() * away).sum([1, 2]) / away.sum([1, 2]).clamp_min(TorchScalars.One);
    }

    private static AmpcorCorrelatorOptions Validated(AmpcorCorrelatorOptions options)
    {
        options.Validate();
        return options;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _correlation.Dispose();
            _zoom.Dispose();
        }
        base.Dispose(disposing);
    }
}
