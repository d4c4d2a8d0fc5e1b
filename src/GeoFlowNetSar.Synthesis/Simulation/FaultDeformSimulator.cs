using System.Globalization;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Faults;
using GeoFlowNetSar.Synthesis.Geometry;
using GeoFlowNetSar.Synthesis.Reflectivity;
using GeoFlowNetSar.Synthesis.Samples;
using GeoFlowNetSar.Synthesis.Speckle;
using GeoFlowNetSar.Synthesis.Warping;

namespace GeoFlowNetSar.Synthesis.Simulation;

/// <summary>
/// FaultDeform-SAR: synthetic Sentinel-1-like amplitude pairs across rough earthquake faults, with the exact
/// displacement they were made with.
/// </summary>
/// <remarks>
/// seed → viewing geometry → rough fault (chain of Okada rectangles) → (dx, dy) pixels on the sample grid
/// (+ off-fault smooth field), scaled to the drawn max |d| → reflectivity σ → complex speckle PRE and POST
/// (coherence γ, changed patches) → POST warped by d (complex, band-limited interpolation, inverse mapping) →
/// detection |z| → <see cref="SarPairSample"/> with every drawn parameter in its dictionary.
/// Deterministic per seed (each stage has its own derived stream, per-pixel noise is hashed from global
/// coordinates) and thread-safe (no mutable state; scratch comes from the shared array pool).
/// </remarks>
public sealed class FaultDeformSimulator : ISarPairGenerator
{
    public FaultDeformSimulator(FaultDeformOptions? options = null)
    {
        Options = options ?? new FaultDeformOptions();
        Options.Validate();
    }

    public FaultDeformOptions Options { get; }

    public SarPairSample Generate(int size, long seed) => Simulate(size, seed).Sample;

    /// <summary>The sample and its ingredients; <paramref name="keepComplex"/> also returns the complex fields.</summary>
    public SimulatedPair Simulate(int size, long seed, bool keepComplex = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        var o = Options;

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

        var geometry = new SarGeometry(heading, incidence, o.RangeSpacing, o.AzimuthSpacing);
        var frame = new SceneFrame(size, size, geometry);
        var region = new PixelRect(0, 0, size, size);

        // Displacement on the sample's pixel grid.
        var displacement = new DisplacementField(region);
        RoughFault? fault = null;
        double faultMax = 0;
        if (!zero)
        {
            fault = RoughFaultGenerator.Generate(Seeds.Random(seed, Seeds.Fault), frame, o.Fault);
            FaultDisplacementRenderer.Render(fault, frame, displacement);
            faultMax = displacement.MaxAbs();
            if (hasDistributed && faultMax > 0)
            {
                // Amplitude in metres such that a unit-LOS displacement is distributedAmplitude × the fault's max (px).
                new DistributedDeformation(Seeds.Key(seed, Seeds.Distributed), distributedWavelength * frame.Extent,
                    distributedAmplitude * faultMax * o.RangeSpacing).Add(frame, displacement);
            }
            float m = displacement.MaxAbs();
            if (m > 0) displacement.Scale(maxDisplacement / m);
            else zero = true;
        }
        if (zero) maxDisplacement = 0;

        // Regions: detection needs a margin around the sample, the warp a margin around that, the filter one more.
        int detectionMargin = Detection.Margin(o.Detection);
        int warpMargin = zero ? 0 : ComplexWarper.Margin(maxDisplacement);
        var detectionRegion = Grow(region, detectionMargin);
        var fieldRegion = Grow(detectionRegion, warpMargin);
        var filter = new BandLimitFilter(rangeBandwidth, azimuthBandwidth);
        var whiteRegion = Grow(fieldRegion, filter.Radius);
        int whiteCount = (int)whiteRegion.Area;

        var reflectivity = o.StructuredReflectivity
            ? ReflectivityModel.Random(Seeds.Random(seed, Seeds.Reflectivity), frame, Seeds.Key(seed, Seeds.Reflectivity))
            : ReflectivityModel.Homogeneous(geometry.GroundRangeSpacing, geometry.AzimuthSpacing);
        var changes = hasChanges ? ChangePatches.Random(Seeds.Random(seed, Seeds.Changes), frame, changedFraction) : [];

        using var sigma = new PooledBuffer<float>(whiteCount);
        reflectivity.Render(whiteRegion, sigma.Span);
        using var changeFactor = new PooledBuffer<float>(changes.Count > 0 ? whiteCount : 0);
        if (changes.Count > 0) ChangePatch.Render(changes, whiteRegion, changeFactor.Span);

        using var pre = ComplexField.Rent(fieldRegion);
        using var postUnwarped = ComplexField.Rent(fieldRegion);
        SpecklePairSynthesizer.Render(fieldRegion, sigma.Span, changeFactor.Span, reflectivity.Points, coherence,
            Seeds.Key(seed, Seeds.Speckle), filter, pre, postUnwarped);

        using var post = ComplexField.Rent(detectionRegion);
        if (zero) post.CopyFrom(postUnwarped);
        else ComplexWarper.Warp(postUnwarped, displacement, post, o.WarpIterations);

        var preAmplitude = new float[size * size];
        var postAmplitude = new float[size * size];
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

        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["generator"] = "FaultDeform-SAR/1",
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["size"] = size.ToString(CultureInfo.InvariantCulture),
            ["zero_deformation"] = zero ? "true" : "false",
            ["max_abs_displacement_px"] = F(maxDisplacement),
            ["orbit"] = ascending ? "ascending" : "descending",
            ["heading_deg"] = F(heading),
            ["incidence_deg"] = F(incidence),
            ["range_spacing_m"] = F(geometry.RangeSpacing),
            ["ground_range_spacing_m"] = F(geometry.GroundRangeSpacing),
            ["azimuth_spacing_m"] = F(geometry.AzimuthSpacing),
            ["coherence"] = F(coherence),
            ["range_bandwidth"] = F(rangeBandwidth),
            ["azimuth_bandwidth"] = F(azimuthBandwidth),
            ["detection"] = o.Detection.ToString(),
            ["changed_patches"] = changes.Count.ToString(CultureInfo.InvariantCulture),
            ["changed_area_fraction"] = F(changes.Sum(c => c.AreaPixels) / (size * (double)size)),
            ["point_scatterers"] = reflectivity.Points.Count.ToString(CultureInfo.InvariantCulture),
            ["reflectivity"] = o.StructuredReflectivity ? "structured" : "homogeneous",
            ["terrain_contrast"] = F(reflectivity.TerrainContrast),
            ["field_contrast"] = F(reflectivity.FieldContrast),
            ["lines"] = reflectivity.Lines.Count.ToString(CultureInfo.InvariantCulture),
        };
        if (fault is not null)
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
            parameters["fault_bends"] = fault.Bends.ToString(CultureInfo.InvariantCulture);
            parameters["fault_roughness"] = F(fault.Roughness);
            parameters["fault_slip_heterogeneity"] = F(fault.SlipHeterogeneity);
            parameters["distributed_deformation"] = F(hasDistributed ? distributedAmplitude : 0);
        }

        var sample = new SarPairSample(size, preAmplitude, postAmplitude, displacement.Dx, displacement.Dy, parameters);
        return new SimulatedPair(sample, frame, fault, displacement, coherence, changes, keptPre, keptPost);
    }

    private static PixelRect Grow(PixelRect r, int m) => new(r.X - m, r.Y - m, r.Width + 2 * m, r.Height + 2 * m);

    private static double Uniform(Random rng, double min, double max) => min + (max - min) * rng.NextDouble();
    private static double Uniform(Random rng, (double Min, double Max) r) => Uniform(rng, r.Min, r.Max);
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
