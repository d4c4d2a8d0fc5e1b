using System.Globalization;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Samples;
using GeoFlowNetSar.Synthesis.Scenes;
using GeoFlowNetSar.Synthesis.Simulation;

namespace GeoFlowNetSar.Synthesis.RealPairs;

/// <summary>
/// Training pairs from a user's real, co-registered, undeformed pair (the paper's Steps 1–2): the pair is globally
/// aligned once (<see cref="Align"/>), then each sample takes co-located random patches — PRE as is, POST warped by
/// a synthetic fault displacement (FaultDeform-SAR's rough fault, renderer and scaling, drawn from the sample seed on
/// the patch's frame) with the residual misregistration removed in the same resampling. Real speckle decorrelation,
/// real texture, known displacement.
/// </summary>
/// <remarks>
/// Works on amplitude (<see cref="IAmplitudeSource"/>, so complex SLC inputs arrive as |z|): see
/// <see cref="AmplitudeWarper"/> for why that is less exact than warping the complex field (not done yet). The two
/// rasters may differ in size: PRE patches lie in PRE, their POST windows (shifted by the alignment) in POST.
/// Patches containing NaN (nodata) are skipped: another position is drawn, deterministically. Thread-safe when the
/// sources are (GdalAmplitudeSource serialises its reads).
/// </remarks>
public sealed class RealPairSampler : ISarPairGenerator
{
    /// <summary>Patch-position stream (beyond the simulator's streams 1–6).</summary>
    private const int PositionStream = 16;
    private const int MaxAttempts = 32;

    private readonly IAmplitudeSource _pre;
    private readonly IAmplitudeSource _post;

    public RealPairSampler(IAmplitudeSource pre, IAmplitudeSource post, AlignmentResult alignment, FaultDeformOptions? options = null)
    {
        _pre = pre;
        _post = post;
        Alignment = alignment;
        Options = options ?? new FaultDeformOptions();
        Options.Validate();
    }

    public AlignmentResult Alignment { get; }
    public FaultDeformOptions Options { get; }


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
        double tx = Alignment.Dx, ty = Alignment.Dy;
        int m = Margin(maxD);

        // Patch origins whose PRE patch and POST source window (shifted by t, grown by max |d| + kernel) fit.
        int fx = (int)Math.Floor(tx), fy = (int)Math.Floor(ty);
        if (!Origins(size, m, out int xLo, out int xHi, out int yLo, out int yHi))
            throw new ArgumentOutOfRangeException(nameof(size), size,
                $"{size}×{size} patches with max |d| = {maxD:0.###} px do not fit in both rasters ({_pre.Width}x{_pre.Height}, {_post.Width}x{_post.Height}) after alignment (at most {MaxSize(maxD)})");

        var rng = Seeds.Random(seed, PositionStream);
        int sw = size + 2 * m + 1;
        var pre = new float[size * size];
        var source = new float[sw * sw];
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            int x0 = xLo + rng.Next(xHi - xLo + 1), y0 = yLo + rng.Next(yHi - yLo + 1);
            int sx = x0 + fx - m, sy = y0 + fy - m;
            _pre.Read(new PixelRect(x0, y0, size, size), pre);
            _post.Read(new PixelRect(sx, sy, sw, sw), source);
            if (!AllFinite(pre) || !AllFinite(source)) continue;

            var post = new float[size * size];
            AmplitudeWarper.Warp(source, sx, sy, sw, sw, plan.ZeroDeformation ? null : displacement, x0, y0, tx, ty, size, size, post,
                Options.WarpIterations);
            return new SarPairSample(size, pre, post, displacement.Dx, displacement.Dy, Parameters(plan, seed, size, x0, y0));
        }
        throw new InvalidOperationException($"No NaN-free {size}×{size} patch found in {MaxAttempts} attempts (seed {seed}): too much nodata in the inputs.");
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
            ["post_warp"] = "detected amplitude, 12-tap band-limited kernel (approximate: amplitude is not band-limited)",
        };
        string[] kept = ["zero_deformation", "max_abs_displacement_px", "orbit", "heading_deg", "incidence_deg", "range_spacing_m",
            "ground_range_spacing_m", "azimuth_spacing_m", "distributed_deformation"];
        foreach (var (key, value) in plan.Parameters)
            if (kept.Contains(key) || key.StartsWith("fault_", StringComparison.Ordinal)) p[key] = value;
        return p;
    }

    /// <summary>Patch origins [xLo, xHi] × [yLo, yHi] for which the PRE patch and the POST source window fit.</summary>
    private bool Origins(int size, int m, out int xLo, out int xHi, out int yLo, out int yHi)
    {
        int fx = (int)Math.Floor(Alignment.Dx), fy = (int)Math.Floor(Alignment.Dy);
        // PRE patch [x0, x0 + size) inside PRE; POST window [x0 + fx − m, x0 + fx + size + m] inside POST.
        xLo = Math.Max(0, m - fx);
        yLo = Math.Max(0, m - fy);
        xHi = Math.Min(_pre.Width - size, _post.Width - size - m - 1 - fx);
        yHi = Math.Min(_pre.Height - size, _post.Height - size - m - 1 - fy);
        return xHi >= xLo && yHi >= yLo;
    }

    private static int Margin(double maxDisplacement) => AmplitudeWarper.KernelMargin + (int)Math.Ceiling(maxDisplacement) + 1;

    private static bool AllFinite(float[] values)
    {
        foreach (float v in values)
            if (!float.IsFinite(v)) return false;
        return true;
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
