using System.Globalization;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Faults;
using GeoFlowNetSar.Synthesis.Geometry;
using GeoFlowNetSar.Synthesis.Reflectivity;
using GeoFlowNetSar.Synthesis.Speckle;
using GeoFlowNetSar.Synthesis.Warping;

namespace GeoFlowNetSar.Synthesis.Simulation;

/// <summary>
/// Every scene-level draw of FaultDeform-SAR for one seed and a Width×Height frame — viewing geometry, fault,
/// coherence, band limits, change patches, off-fault deformation, reflectivity — and the amplitude pair rendered
/// from them over any region.
/// </summary>
/// <remarks>
/// The one owner of the draw sequence: <see cref="FaultDeformSimulator"/> (samples) and
/// <see cref="Scenes.FaultDeformScene"/> (streamed bands) both start from <see cref="Draw"/>, so a square scene is
/// the simulator's sample for the same seed. What is left to them is the displacement's global max |d| (one
/// render for a sample, a banded scan for a scene), which sets the scale and whether the pair is deformed at all.
/// </remarks>
internal sealed record FaultDeformDraws(
    long Seed,
    FaultDeformOptions Options,
    SceneFrame Frame,
    bool Ascending,
    bool Zero,
    double MaxDisplacement,
    double Coherence,
    BandLimitFilter Filter,
    bool HasDistributed,
    double DistributedAmplitude,
    double DistributedWavelength,
    RoughFault? Fault,
    ReflectivityModel Reflectivity,
    IReadOnlyList<ChangePatch> Changes)
{
    /// <summary>
    /// The draws for <paramref name="seed"/>. <see cref="Zero"/> is the drawn "no deformation" (or a drawn max |d|
    /// ≤ 0); then there is no fault. A fault whose field is zero everywhere is found only when rendered.
    /// </summary>
    public static FaultDeformDraws Draw(int width, int height, long seed, FaultDeformOptions o)
    {
        // Scene-level draws, always all of them and in this order.
        var rng = Seeds.Random(seed, Seeds.Scene);
        bool ascending = rng.NextDouble() < o.AscendingFraction;
        double heading = (ascending ? o.AscendingHeadingDegrees : o.DescendingHeadingDegrees) + Uniform(rng, -1, 1) * o.HeadingJitterDegrees;
        double incidence = Uniform(rng, o.IncidenceDegrees);
        bool zero = rng.NextDouble() < o.ZeroDeformationFraction;
        double maxDisplacement = Uniform(rng, o.MaxDisplacement);
        double coherence = Uniform(rng, o.Coherence);
        double rangeBandwidth = Uniform(rng, o.RangeBandwidth);
        double azimuthBandwidth = Uniform(rng, o.AzimuthBandwidth);
        bool hasChanges = rng.NextDouble() < o.ChangeProbability;
        double changedFraction = Uniform(rng, o.ChangedAreaFraction);
        bool hasDistributed = rng.NextDouble() < o.DistributedDeformationProbability;
        double distributedAmplitude = Uniform(rng, o.DistributedAmplitude);
        double distributedWavelength = Uniform(rng, 0.3, 1.0);
        if (maxDisplacement <= 0) zero = true;

        var geometry = new SarGeometry(heading, incidence, o.RangeSpacing, AzimuthSpacing(seed, o));
        var frame = new SceneFrame(width, height, geometry);

        // Each stage has its own stream, so these do not depend on one another's draws.
        var fault = zero ? null : RoughFaultGenerator.Generate(Seeds.Random(seed, Seeds.Fault), frame, o.Fault);
        var reflectivity = o.StructuredReflectivity
            ? ReflectivityModel.Random(Seeds.Random(seed, Seeds.Reflectivity), frame, Seeds.Key(seed, Seeds.Reflectivity))
            : ReflectivityModel.Homogeneous(geometry.GroundRangeSpacing, geometry.AzimuthSpacing);
        var changes = hasChanges ? ChangePatches.Random(Seeds.Random(seed, Seeds.Changes), frame, changedFraction) : [];

        return new FaultDeformDraws(seed, o, frame, ascending, zero, maxDisplacement, coherence,
            new BandLimitFilter(rangeBandwidth, azimuthBandwidth), hasDistributed, distributedAmplitude, distributedWavelength,
            fault, reflectivity, changes);
    }

    private static double AzimuthSpacing(long seed, FaultDeformOptions o)
    {
        if (o.AzimuthSpacingDraw is not { } range) return o.AzimuthSpacing;
        var rng = Seeds.Random(seed, Seeds.Geometry);
        return Math.Exp(Uniform(rng, Math.Log(range.Min), Math.Log(range.Max)));
    }

    /// <summary>
    /// The off-fault field for a fault field whose max |d| is <paramref name="faultMax"/> (pixels, before scaling);
    /// null when none was drawn or the fault field is zero. Added after the fault's field, before scaling.
    /// </summary>
    public DistributedDeformation? Distributed(double faultMax)
    {
        if (!HasDistributed || faultMax <= 0) return null;
        // Amplitude in metres such that a unit-LOS displacement is distributedAmplitude × the fault's max (px).
        return new DistributedDeformation(Seeds.Key(Seed, Seeds.Distributed), DistributedWavelength * Frame.Extent,
            DistributedAmplitude * faultMax * Options.RangeSpacing);
    }

    /// <summary>
    /// Detected PRE and POST amplitude over <paramref name="region"/> (global pixels), POST warped by
    /// <paramref name="displacement"/> (scaled, pixels; it must cover the pixels the inverse mapping reads, or
    /// stop at the frame's edges) unless <paramref name="maxDisplacement"/> = 0. <paramref name="keepComplex"/>
    /// also returns copies of the complex PRE and POST over the region.
    /// </summary>
    public PairAmplitudes RenderPair(PixelRect region, DisplacementField displacement, double maxDisplacement, bool keepComplex = false)
    {
        var o = Options;
        bool zero = maxDisplacement == 0;

        // Regions: detection needs a margin around the region, the warp a margin around that, the filter one more.
        int detectionMargin = Detection.Margin(o.Detection);
        int warpMargin = zero ? 0 : ComplexWarper.Margin(maxDisplacement);
        var detectionRegion = Grow(region, detectionMargin);
        var fieldRegion = Grow(detectionRegion, warpMargin);
        var whiteRegion = Grow(fieldRegion, Filter.Radius);
        int whiteCount = checked((int)whiteRegion.Area);

        using var sigma = new PooledBuffer<float>(whiteCount);
        Reflectivity.Render(whiteRegion, sigma.Span);
        // Only the patches that reach the white region: exact, the others write nothing there.
        var changes = Changes.Where(c => Touches(c, whiteRegion)).ToList();
        using var changeFactor = new PooledBuffer<float>(changes.Count > 0 ? whiteCount : 0);
        if (changes.Count > 0) ChangePatch.Render(changes, whiteRegion, changeFactor.Span);

        using var pre = ComplexField.Rent(fieldRegion);
        using var postUnwarped = ComplexField.Rent(fieldRegion);
        SpecklePairSynthesizer.Render(fieldRegion, sigma.Span, changeFactor.Span, Reflectivity.Points, Coherence,
            Seeds.Key(Seed, Seeds.Speckle), Filter, pre, postUnwarped);

        using var post = ComplexField.Rent(detectionRegion);
        if (zero) post.CopyFrom(postUnwarped);
        else ComplexWarper.Warp(postUnwarped, displacement, post, o.WarpIterations);

        int n = checked((int)region.Area);
        var preAmplitude = new float[n];
        var postAmplitude = new float[n];
        Detection.Detect(pre, region, o.Detection, preAmplitude);
        Detection.Detect(post, region, o.Detection, postAmplitude);

        ComplexField? keptPre = null, keptPost = null;
        if (keepComplex)
        {
            keptPre = new ComplexField(region);
            keptPre.CopyFrom(pre);
            keptPost = new ComplexField(region);
            keptPost.CopyFrom(post);
        }
        return new PairAmplitudes(preAmplitude, postAmplitude, keptPre, keptPost);
    }

    /// <summary>
    /// Every drawn parameter under the simulator's keys, for the final <paramref name="zero"/> and
    /// <paramref name="maxDisplacement"/>; the caller adds the frame's size.
    /// </summary>
    public SortedDictionary<string, string> Parameters(bool zero, double maxDisplacement)
    {
        var o = Options;
        var geometry = Frame.Geometry;
        var reflectivity = Reflectivity;
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["generator"] = "FaultDeform-SAR/1",
            ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
            ["zero_deformation"] = zero ? "true" : "false",
            ["max_abs_displacement_px"] = F(maxDisplacement),
            ["orbit"] = Ascending ? "ascending" : "descending",
            ["heading_deg"] = F(geometry.HeadingDegrees),
            ["incidence_deg"] = F(geometry.IncidenceDegrees),
            ["range_spacing_m"] = F(geometry.RangeSpacing),
            ["ground_range_spacing_m"] = F(geometry.GroundRangeSpacing),
            ["azimuth_spacing_m"] = F(geometry.AzimuthSpacing),
            ["coherence"] = F(Coherence),
            ["range_bandwidth"] = F(Filter.RangeBandwidth),
            ["azimuth_bandwidth"] = F(Filter.AzimuthBandwidth),
            ["detection"] = o.Detection.ToString(),
            ["changed_patches"] = Changes.Count.ToString(CultureInfo.InvariantCulture),
            ["changed_area_fraction"] = F(Changes.Sum(c => c.AreaPixels) / (Frame.Width * (double)Frame.Height)),
            ["point_scatterers"] = reflectivity.Points.Count.ToString(CultureInfo.InvariantCulture),
            ["reflectivity"] = o.StructuredReflectivity ? "structured" : "homogeneous",
            ["terrain_contrast"] = F(reflectivity.TerrainContrast),
            ["field_contrast"] = F(reflectivity.FieldContrast),
            ["lines"] = reflectivity.Lines.Count.ToString(CultureInfo.InvariantCulture),
        };
        if (Fault is { } fault)
        {
            parameters["fault_mechanism"] = fault.Mechanism.ToString();
            parameters["fault_surface_rupture"] = fault.SurfaceRupture ? "true" : "false";
            parameters["fault_top_depth_m"] = F(fault.TopDepth);
            parameters["fault_dip_deg"] = F(fault.DipDegrees);
            parameters["fault_rake_deg"] = F(fault.RakeDegrees);
            parameters["fault_strike_deg"] = F(fault.StrikeDegrees);
            parameters["fault_length_m"] = F(fault.Length);
            parameters["fault_width_m"] = F(fault.Width);
            parameters["fault_centre_east_m"] = F(fault.CentreEast);
            parameters["fault_centre_north_m"] = F(fault.CentreNorth);
            parameters["fault_segments"] = fault.Segments.Count.ToString(CultureInfo.InvariantCulture);
            if (fault.Mesh is { } mesh) parameters["fault_triangles"] = mesh.Count.ToString(CultureInfo.InvariantCulture);
            parameters["fault_bends"] = fault.Bends.ToString(CultureInfo.InvariantCulture);
            parameters["fault_roughness"] = F(fault.Roughness);
            parameters["fault_slip_heterogeneity"] = F(fault.SlipHeterogeneity);
            parameters["distributed_deformation"] = F(HasDistributed ? DistributedAmplitude : 0);
        }
        return parameters;
    }

    // Conservative bounding-box test (one pixel of slack on ChangePatch.Render's box).
    private static bool Touches(ChangePatch p, PixelRect region)
    {
        double det = p.A * p.C - p.B * p.B;
        double hx = Math.Sqrt(p.C / det), hy = Math.Sqrt(p.A / det);
        return p.CentreX + hx + 1 >= region.X && p.CentreX - hx - 1 < region.Right
            && p.CentreY + hy + 1 >= region.Y && p.CentreY - hy - 1 < region.Bottom;
    }

    private static PixelRect Grow(PixelRect r, int m) => new(r.X - m, r.Y - m, r.Width + 2 * m, r.Height + 2 * m);
    private static double Uniform(Random rng, double min, double max) => min + (max - min) * rng.NextDouble();
    private static double Uniform(Random rng, (double Min, double Max) r) => Uniform(rng, r.Min, r.Max);
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>Detected PRE and POST amplitude over a region, and the complex fields when they were asked for.</summary>
internal readonly record struct PairAmplitudes(float[] Pre, float[] Post, ComplexField? ComplexPre, ComplexField? ComplexPost);
