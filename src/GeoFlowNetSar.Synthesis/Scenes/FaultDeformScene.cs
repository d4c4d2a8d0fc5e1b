using System.Globalization;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Faults;
using GeoFlowNetSar.Synthesis.Geometry;
using GeoFlowNetSar.Synthesis.Reflectivity;
using GeoFlowNetSar.Synthesis.Simulation;
using GeoFlowNetSar.Synthesis.Speckle;
using GeoFlowNetSar.Synthesis.Warping;

namespace GeoFlowNetSar.Synthesis.Scenes;

/// <summary>
/// A full FaultDeform-SAR scene of any size (up to a 9514×24418 swath), generated band by band with bounded memory.
/// </summary>
/// <remarks>
/// <para><see cref="Plan"/> makes every scene-level draw exactly as <see cref="FaultDeformSimulator.Simulate"/> does
/// (same streams, same order), for a Width×Height frame: geometry, fault, reflectivity model, change patches. Then a
/// scan pass renders the displacement field band by band (nothing kept) to find the fault field's max |d| (which
/// sets the off-fault field's amplitude) and the total max |d|, so the global scale factor is exact.</para>
/// <para><see cref="Render"/> produces any band of rows on its own: every per-pixel random number is hashed from
/// global coordinates, lattices are aligned to global pixel multiples, and each band is rendered with margins
/// (detection, warp kernel + max |d|, band-limit filter) and a displacement field covering the rows the inverse
/// mapping can reach, clamped at the scene edges exactly as a whole-scene render clamps them. A scene assembled from
/// bands is therefore bit-identical to the same scene rendered in one band, and a square scene equals
/// <see cref="FaultDeformSimulator.Simulate"/> for the same seed and options.</para>
/// <para>Cost: the displacement is rendered once (twice with off-fault deformation) in the scan pass and once more
/// per band; memory per band is ≈ 25 floats per pixel of the band with its margins.</para>
/// Thread-safe: bands may be rendered concurrently.
/// </remarks>
public sealed class FaultDeformScene
{
    /// <summary>Rows per band of the scan pass.</summary>
    public const int ScanRows = 256;

    private readonly ReflectivityModel _reflectivity;
    private readonly IReadOnlyList<ChangePatch> _changes;
    private readonly BandLimitFilter _filter;
    private readonly double _coherence;
    private readonly double _scale;
    private readonly DistributedDeformation? _distributed;

    private FaultDeformScene(int width, int height, long seed, FaultDeformOptions options, SceneFrame frame, RoughFault? fault,
        DistributedDeformation? distributed, double scale, double maxDisplacement, ReflectivityModel reflectivity,
        IReadOnlyList<ChangePatch> changes, BandLimitFilter filter, double coherence, IReadOnlyDictionary<string, string> parameters)
    {
        Width = width;
        Height = height;
        Seed = seed;
        Options = options;
        Frame = frame;
        Fault = fault;
        _distributed = distributed;
        _scale = scale;
        MaxDisplacement = maxDisplacement;
        _reflectivity = reflectivity;
        _changes = changes;
        _filter = filter;
        _coherence = coherence;
        Parameters = parameters;
    }

    public int Width { get; }
    public int Height { get; }
    public long Seed { get; }
    public FaultDeformOptions Options { get; }
    public SceneFrame Frame { get; }

    /// <summary>The fault (null when the scene has no deformation).</summary>
    public RoughFault? Fault { get; }

    /// <summary>max over the scene of max(|dx|, |dy|), pixels (0 when there is no deformation).</summary>
    public double MaxDisplacement { get; }

    public bool ZeroDeformation => MaxDisplacement == 0;

    /// <summary>Every drawn parameter, with the simulator's keys (plus width and height instead of size).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>Draws the scene and scans its displacement for the global scale (parallel over bands).</summary>
    public static FaultDeformScene Plan(int width, int height, long seed, FaultDeformOptions? options = null,
        int parallelism = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 8);
        var o = options ?? new FaultDeformOptions();
        o.Validate();

        // Scene-level draws: always all of them and in this order (FaultDeformSimulator.Simulate's).
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
        var frame = new SceneFrame(width, height, geometry);

        RoughFault? fault = null;
        DistributedDeformation? distributed = null;
        double scale = 0;
        if (!zero)
        {
            fault = RoughFaultGenerator.Generate(Seeds.Random(seed, Seeds.Fault), frame, o.Fault);
            float faultMax = ScanMax(width, height, region => RawField(fault, frame, null, region), parallelism, cancellationToken);
            if (hasDistributed && faultMax > 0)
            {
                distributed = new DistributedDeformation(Seeds.Key(seed, Seeds.Distributed), distributedWavelength * frame.Extent,
                    distributedAmplitude * faultMax * o.RangeSpacing);
            }
            float m = distributed is null ? faultMax
                : ScanMax(width, height, region => RawField(fault, frame, distributed, region), parallelism, cancellationToken);
            if (m > 0) scale = maxDisplacement / m;
            else zero = true;
        }
        if (zero) maxDisplacement = 0;

        var filter = new BandLimitFilter(rangeBandwidth, azimuthBandwidth);
        var reflectivity = o.StructuredReflectivity
            ? ReflectivityModel.Random(Seeds.Random(seed, Seeds.Reflectivity), frame, Seeds.Key(seed, Seeds.Reflectivity))
            : ReflectivityModel.Homogeneous(geometry.GroundRangeSpacing, geometry.AzimuthSpacing);
        var changes = hasChanges ? ChangePatches.Random(Seeds.Random(seed, Seeds.Changes), frame, changedFraction) : [];

        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["generator"] = "FaultDeform-SAR/1",
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["width"] = width.ToString(CultureInfo.InvariantCulture),
            ["height"] = height.ToString(CultureInfo.InvariantCulture),
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
            ["changed_area_fraction"] = F(changes.Sum(c => c.AreaPixels) / (width * (double)height)),
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

        return new FaultDeformScene(width, height, seed, o, frame, zero ? null : fault, zero ? null : distributed, zero ? 0 : scale,
            maxDisplacement, reflectivity, changes, filter, coherence, parameters);
    }

    /// <summary>
    /// The scaled displacement (pixels) over <paramref name="region"/> (global pixels, inside the scene); all zero
    /// when the scene has no deformation.
    /// </summary>
    public DisplacementField RenderDisplacement(PixelRect region)
    {
        if (region.IsEmpty || !new PixelRect(0, 0, Width, Height).Contains(region))
            throw new ArgumentOutOfRangeException(nameof(region), $"{region} is not inside the {Width}x{Height} scene.");
        if (Fault is null) return new DisplacementField(region);
        var field = RawField(Fault, Frame, _distributed, region);
        field.Scale(_scale);
        return field;
    }

    /// <summary>Rows [<paramref name="row0"/>, row0 + <paramref name="rows"/>) of the scene.</summary>
    public SceneBand Render(int row0, int rows)
    {
        if (row0 < 0 || rows < 1 || row0 + rows > Height)
            throw new ArgumentOutOfRangeException(nameof(rows), $"Rows {row0}..{row0 + rows - 1} are outside the scene's {Height} rows.");
        var o = Options;
        var region = new PixelRect(0, row0, Width, rows);
        bool zero = ZeroDeformation;

        // Margins as in the simulator: detection around the band, the warp around that, the filter one more.
        int detectionMargin = Detection.Margin(o.Detection);
        int warpMargin = zero ? 0 : ComplexWarper.Margin(MaxDisplacement);
        var detectionRegion = Grow(region, detectionMargin);
        var fieldRegion = Grow(detectionRegion, warpMargin);
        var whiteRegion = Grow(fieldRegion, _filter.Radius);
        int whiteCount = checked((int)whiteRegion.Area);

        // The warper reads d at the detection region's pixels and at p = q − d(p) (|p − q| ≤ max |d|), bilinearly:
        // cover those rows, clipped to the scene (where a whole-scene field clamps too).
        int reach = detectionMargin + (int)Math.Ceiling(MaxDisplacement) + 2;
        var displacementRegion = PixelRect.FromBounds(0, Math.Max(0, row0 - reach), Width, Math.Min(Height, row0 + rows + reach));
        var displacement = RenderDisplacement(displacementRegion);

        using var sigma = new PooledBuffer<float>(whiteCount);
        _reflectivity.Render(whiteRegion, sigma.Span);
        var changes = _changes.Where(c => Touches(c, whiteRegion)).ToList();
        using var changeFactor = new PooledBuffer<float>(changes.Count > 0 ? whiteCount : 0);
        if (changes.Count > 0) ChangePatch.Render(changes, whiteRegion, changeFactor.Span);

        using var pre = ComplexField.Rent(fieldRegion);
        using var postUnwarped = ComplexField.Rent(fieldRegion);
        SpecklePairSynthesizer.Render(fieldRegion, sigma.Span, changeFactor.Span, _reflectivity.Points, _coherence,
            Seeds.Key(Seed, Seeds.Speckle), _filter, pre, postUnwarped);

        using var post = ComplexField.Rent(detectionRegion);
        if (zero) post.CopyFrom(postUnwarped);
        else ComplexWarper.Warp(postUnwarped, displacement, post, o.WarpIterations);

        int n = checked(Width * rows);
        var preAmplitude = new float[n];
        var postAmplitude = new float[n];
        Detection.Detect(pre, region, o.Detection, preAmplitude);
        Detection.Detect(post, region, o.Detection, postAmplitude);

        var dx = new float[n];
        var dy = new float[n];
        int offset = (row0 - displacementRegion.Y) * Width;
        displacement.Dx.AsSpan(offset, n).CopyTo(dx);
        displacement.Dy.AsSpan(offset, n).CopyTo(dy);
        return new SceneBand(row0, rows, Width, preAmplitude, postAmplitude, dx, dy);
    }

    /// <summary>The whole scene in one band (mind the size: four Width×Height arrays).</summary>
    public SceneBand RenderAll() => Render(0, Height);

    /// <summary>Band row ranges covering the scene: [0, rows), [rows, 2·rows), ….</summary>
    public IEnumerable<(int Row0, int Rows)> Bands(int rowsPerBand)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerBand, 1);
        for (int y = 0; y < Height; y += rowsPerBand) yield return (y, Math.Min(rowsPerBand, Height - y));
    }

    // Fault (+ off-fault) displacement before scaling, as the simulator adds it: renderer, then distributed.
    private static DisplacementField RawField(RoughFault fault, SceneFrame frame, DistributedDeformation? distributed, PixelRect region)
    {
        var field = new DisplacementField(region);
        FaultDisplacementRenderer.Render(fault, frame, field);
        distributed?.Add(frame, field);
        return field;
    }

    private static float ScanMax(int width, int height, Func<PixelRect, DisplacementField> render, int parallelism, CancellationToken token)
    {
        int bands = (height + ScanRows - 1) / ScanRows;
        float max = 0;
        var gate = new Lock();
        Parallel.For(0, bands, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = token }, b =>
        {
            int y0 = b * ScanRows;
            float m = render(new PixelRect(0, y0, width, Math.Min(ScanRows, height - y0))).MaxAbs();
            lock (gate) max = Math.Max(max, m);
        });
        return max;
    }

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
