using System.Globalization;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Geometry;
using GeoFlowNetSar.Synthesis.Samples;
using GeoFlowNetSar.Synthesis.Scenes;
using GeoFlowNetSar.Synthesis.Simulation;
using GeoFlowNetSar.Synthesis.Speckle;
using GeoFlowNetSar.Synthesis.Warping;

namespace GeoFlowNetSar.Synthesis.RealPairs;

/// <summary>
/// Training pairs from a user's real, co-registered, undeformed pair (the paper's Steps 1–2): the pair is globally
/// aligned once (<see cref="Align"/>), then each sample takes co-located random patches — PRE as is, POST warped by
/// a synthetic fault displacement (FaultDeform-SAR's rough fault, renderer and scaling, drawn from the sample seed on
/// the patch's frame) with the residual misregistration removed in the same resampling. Real speckle decorrelation,
/// real texture, known displacement.
/// </summary>
/// <remarks>
/// Two paths, chosen by the inputs. Complex inputs (<see cref="IComplexSource"/>, SLCs): POST's complex field is warped
/// by <see cref="ComplexWarper"/> (band-limited, so the 12-tap kernel is accurate) and then detected, PRE detected
/// likewise, with <see cref="FaultDeformOptions.Detection"/> — exactly the simulator's order. Amplitude inputs
/// (<see cref="IAmplitudeSource"/>: detected GeoTIFFs, or SLCs read as |z|): POST's detected amplitude is warped by
/// <see cref="AmplitudeWarper"/>, which is approximate (amplitude is not band-limited) and ignores the detection option.
/// Real SLC spectra are not confined to the kernel's design band: the UAVSAR L-band crops in shared/data keep 2–3 % of
/// their power beyond 0.4 cycles/pixel in range and 5.5 % in azimuth (centred within 0.04 cycles of zero in azimuth, so
/// no Doppler demodulation is needed), which bounds the complex path's accuracy on them: shifted there and back by
/// half a pixel, 6–8 % relative RMS error against 13–18 % for warped amplitude; on a field inside the design band,
/// 0.8 % against 40 % (RealPairComplexTests).
/// The rasters may differ in size: PRE patches lie in PRE, their POST windows (shifted by the alignment) in POST.
/// Patches containing NaN (nodata) are skipped: another position is drawn, deterministically. Thread-safe when the
/// sources are (GdalAmplitudeSource and GdalComplexSource serialise their reads).
/// </remarks>
public sealed class RealPairSampler : ISarPairGenerator
{
    /// <summary>Patch-position stream (beyond the simulator's streams 1–6).</summary>
    private const int PositionStream = 16;
    private const int MaxAttempts = 32;

    private readonly IAmplitudeSource _pre;
    private readonly IAmplitudeSource _post;
    private readonly IComplexSource? _preField;
    private readonly IComplexSource? _postField;

    /// <summary>Amplitude inputs: POST's detected amplitude is warped (approximate; see <see cref="AmplitudeWarper"/>).</summary>
    public RealPairSampler(IAmplitudeSource pre, IAmplitudeSource post, AlignmentResult alignment, FaultDeformOptions? options = null)
    {
        _pre = pre;
        _post = post;
        Alignment = alignment;
        Options = options ?? new FaultDeformOptions();
        Options.Validate();
    }

    /// <summary>Complex inputs: POST's complex field is warped, then both are detected (<see cref="FaultDeformOptions.Detection"/>).</summary>
    public RealPairSampler(IComplexSource pre, IComplexSource post, AlignmentResult alignment, FaultDeformOptions? options = null)
        : this(new DetectedAmplitudeSource(pre), new DetectedAmplitudeSource(post), alignment, options)
    {
        _preField = pre;
        _postField = post;
    }

    public AlignmentResult Alignment { get; }
    public FaultDeformOptions Options { get; }

    /// <summary>True when POST's complex field is warped before detection; false when its detected amplitude is.</summary>
    public bool WarpsComplexField => _postField is not null;

    /// <summary>How POST is resampled, as recorded in each sample's parameters (post_warp).</summary>
    public string WarpDescription => WarpsComplexField
        ? $"complex field, 12-tap band-limited kernel, then {DetectionName(Options.Detection)} detection"
        : "detected amplitude, 12-tap band-limited kernel (approximate: amplitude is not band-limited)";

    /// <summary>Global shift of POST relative to PRE, from the detected amplitude |z| of two complex rasters.</summary>
    public static AlignmentResult Align(IComplexSource pre, IComplexSource post, int upsample = PhaseCorrelation.DefaultUpsample,
        int maxBlock = PhaseCorrelation.DefaultBlock) =>
        Align(new DetectedAmplitudeSource(pre), new DetectedAmplitudeSource(post), upsample, maxBlock);

    /// <summary>
    /// Global shift of POST relative to PRE (PRE(p) ≈ POST(p + shift)) from the central blocks of both rasters (they may
    /// differ in size: a crop and a larger crop of the same area align too, up to half the larger block).
    /// </summary>
    public static AlignmentResult Align(IAmplitudeSource pre, IAmplitudeSource post, int upsample = PhaseCorrelation.DefaultUpsample,
        int maxBlock = PhaseCorrelation.DefaultBlock)
    {
        var (a, ra) = Central(pre, maxBlock);
        var (b, rb) = Central(post, maxBlock);
        var r = PhaseCorrelation.Estimate(a, b, upsample, maxBlock);
        return r with { Dx = r.Dx + rb.X - ra.X, Dy = r.Dy + rb.Y - ra.Y };
    }

    private static (FloatImage Image, PixelRect Rect) Central(IAmplitudeSource source, int maxBlock)
    {
        int w = Math.Min(maxBlock, source.Width), h = Math.Min(maxBlock, source.Height);
        var rect = new PixelRect((source.Width - w) / 2, (source.Height - h) / 2, w, h);
        var image = new FloatImage(w, h);
        source.Read(rect, image.Pixels);
        return (image, rect);
    }

    /// <summary>Largest sample edge these rasters allow for displacements up to max |d| (px).</summary>
    public int MaxSize(double maxDisplacement)
    {
        int m = Margin(maxDisplacement), size = Math.Min(_pre.Width, _pre.Height);
        while (size > 0 && !Origins(size, m, out _, out _, out _, out _)) size--;
        return size;
    }

    public SarPairSample Generate(int size, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        // The displacement: FaultDeform-SAR's scene-level draws for a size² frame (speckle draws unused).
        var plan = FaultDeformScene.Plan(size, size, seed, Options);
        var displacement = plan.RenderDisplacement(new PixelRect(0, 0, size, size));
        double maxD = plan.MaxDisplacement;
        int m = Margin(maxD);

        // Patch origins whose PRE patch and POST source window (shifted by t, grown by max |d| + kernel) fit.
        if (!Origins(size, m, out int xLo, out int xHi, out int yLo, out int yHi))
            throw new ArgumentOutOfRangeException(nameof(size), size,
                $"{size}×{size} patches with max |d| = {maxD:0.###} px do not fit in both rasters ({_pre.Width}x{_pre.Height}, {_post.Width}x{_post.Height}) after alignment (at most {MaxSize(maxD)})");

        var rng = Seeds.Random(seed, PositionStream);
        var warp = plan.ZeroDeformation ? null : displacement;
        var amplitudeSource = WarpsComplexField ? null : new float[(size + 2 * m + 1) * (size + 2 * m + 1)];
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            int x0 = xLo + rng.Next(xHi - xLo + 1), y0 = yLo + rng.Next(yHi - yLo + 1);
            var pair = WarpsComplexField
                ? ComplexPair(x0, y0, size, m, warp)
                : AmplitudePair(amplitudeSource!, x0, y0, size, m, warp);
            if (pair is not { } found) continue;
            return new SarPairSample(size, found.Pre, found.Post, displacement.Dx, displacement.Dy, Parameters(plan, seed, size, x0, y0));
        }
        throw new InvalidOperationException($"No NaN-free {size}×{size} patch found in {MaxAttempts} attempts (seed {seed}): too much nodata in the inputs.");
    }

    /// <summary>
    /// PRE as read; POST(q) = IN(origin + p + t) with p + d(p) = q, interpolated in amplitude. Null when the patch or the
    /// window holds NaN.
    /// </summary>
    private (float[] Pre, float[] Post)? AmplitudePair(float[] source, int x0, int y0, int size, int m, DisplacementField? warp)
    {
        double tx = Alignment.Dx, ty = Alignment.Dy;
        int sw = size + 2 * m + 1, sx = x0 + (int)Math.Floor(tx) - m, sy = y0 + (int)Math.Floor(ty) - m;
        var pre = new float[size * size];
        _pre.Read(new PixelRect(x0, y0, size, size), pre);
        _post.Read(new PixelRect(sx, sy, sw, sw), source);
        if (!AllFinite(pre) || !AllFinite(source)) return null;
        var post = new float[size * size];
        AmplitudeWarper.Warp(source, sx, sy, sw, sw, warp, x0, y0, tx, ty, size, size, post, Options.WarpIterations);
        return (pre, post);
    }

    /// <summary>
    /// The same mapping on the complex field (<see cref="ComplexWarper"/>, d placed at the patch's PRE position and t folded
    /// into the resampling), then PRE and POST detected over the patch. Null when either field holds NaN.
    /// </summary>
    private (float[] Pre, float[] Post)? ComplexPair(int x0, int y0, int size, int m, DisplacementField? warp)
    {
        int dm = DetectionMargin;
        var region = new PixelRect(x0, y0, size, size);
        // Detection reads dm pixels around the patch: PRE's field and POST's warped field cover that.
        var detected = new PixelRect(x0 - dm, y0 - dm, size + 2 * dm, size + 2 * dm);
        var window = new PixelRect(x0 + (int)Math.Floor(Alignment.Dx) - m, y0 + (int)Math.Floor(Alignment.Dy) - m, size + 2 * m + 1, size + 2 * m + 1);
        using var preField = ComplexField.Rent(detected);
        using var source = ComplexField.Rent(window);
        _preField!.Read(detected, preField.Re, preField.Im);
        _postField!.Read(window, source.Re, source.Im);
        if (!AllFinite(preField.Re) || !AllFinite(preField.Im) || !AllFinite(source.Re) || !AllFinite(source.Im)) return null;

        using var warped = ComplexField.Rent(detected);
        var placed = warp is null ? null : new DisplacementField(region, warp.Dx, warp.Dy);
        ComplexWarper.Warp(source, placed, warped, Alignment.Dx, Alignment.Dy, Options.WarpIterations);
        var pre = new float[size * size];
        var post = new float[size * size];
        Detection.Detect(preField, region, Options.Detection, pre);
        Detection.Detect(warped, region, Options.Detection, post);
        return (pre, post);
    }

    private IReadOnlyDictionary<string, string> Parameters(FaultDeformScene plan, long seed, int size, int x0, int y0)
    {
        var p = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["generator"] = "FaultDeform-SAR/real-pairs/1",
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["size"] = size.ToString(CultureInfo.InvariantCulture),
            ["pre_source"] = _pre.Name,
            ["post_source"] = _post.Name,
            ["patch_x"] = x0.ToString(CultureInfo.InvariantCulture),
            ["patch_y"] = y0.ToString(CultureInfo.InvariantCulture),
            ["alignment_dx_px"] = F(Alignment.Dx),
            ["alignment_dy_px"] = F(Alignment.Dy),
            ["alignment_peak"] = F(Alignment.Peak),
            ["alignment_significance"] = F(Alignment.Significance),
            ["input"] = WarpsComplexField ? "complex" : "amplitude",
            ["post_warp"] = WarpDescription,
        };
        string[] kept = ["zero_deformation", "max_abs_displacement_px", "orbit", "heading_deg", "incidence_deg", "range_spacing_m",
            "ground_range_spacing_m", "azimuth_spacing_m", "distributed_deformation"];
        if (WarpsComplexField) p["detection"] = Options.Detection.ToString();
        foreach (var (key, value) in plan.Parameters)
            if (kept.Contains(key) || key.StartsWith("fault_", StringComparison.Ordinal)) p[key] = value;
        return p;
    }

    /// <summary>Patch origins [xLo, xHi] × [yLo, yHi] for which the PRE patch and the POST source window fit.</summary>
    private bool Origins(int size, int m, out int xLo, out int xHi, out int yLo, out int yHi)
    {
        int fx = (int)Math.Floor(Alignment.Dx), fy = (int)Math.Floor(Alignment.Dy), dm = DetectionMargin;
        // PRE patch grown by the detection margin [x0 − dm, x0 + size + dm) inside PRE;
        // POST window [x0 + fx − m, x0 + fx + size + m] inside POST.
        xLo = Math.Max(dm, m - fx);
        yLo = Math.Max(dm, m - fy);
        xHi = Math.Min(_pre.Width - size - dm, _post.Width - size - m - 1 - fx);
        yHi = Math.Min(_pre.Height - size - dm, _post.Height - size - m - 1 - fy);
        return xHi >= xLo && yHi >= yLo;
    }

    /// <summary>
    /// Source margin around the patch: the kernel's reach beyond max |d| (and beyond the alignment's fractional part),
    /// plus the detection's own reach on the complex path (0 for native detection, so both paths draw the same patches).
    /// </summary>
    private int Margin(double maxDisplacement) => AmplitudeWarper.KernelMargin + (int)Math.Ceiling(maxDisplacement) + 1 + DetectionMargin;

    /// <summary>Complex field needed around a patch for detection (only the complex path detects).</summary>
    private int DetectionMargin => WarpsComplexField ? Detection.Margin(Options.Detection) : 0;

    private static string DetectionName(DetectionMode mode) => mode == DetectionMode.Native ? "native |z|" : "2x-oversampled";

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (float v in values)
            if (!float.IsFinite(v)) return false;
        return true;
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
