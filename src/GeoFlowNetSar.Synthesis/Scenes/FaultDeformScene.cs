using System.Globalization;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Faults;
using GeoFlowNetSar.Synthesis.Geometry;
using GeoFlowNetSar.Synthesis.Simulation;
using GeoFlowNetSar.Synthesis.Speckle;

namespace GeoFlowNetSar.Synthesis.Scenes;

/// <summary>
/// A full FaultDeform-SAR scene of any size (up to a 9514×24418 swath), generated band by band with bounded memory.
/// </summary>
/// <remarks>
/// <para><see cref="Plan"/> makes every scene-level draw with <see cref="FaultDeformSimulator.Simulate"/>'s own
/// code (<see cref="FaultDeformDraws.Draw"/>: same streams, same order), for a Width×Height frame: geometry, fault,
/// reflectivity model, change patches. Then a scan pass renders the displacement field band by band (nothing kept) to find the fault field's max |d| (which
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

    private readonly FaultDeformDraws _draws;
    private readonly double _scale;
    private readonly DistributedDeformation? _distributed;

    private FaultDeformScene(int width, int height, FaultDeformDraws draws, RoughFault? fault, DistributedDeformation? distributed,
        double scale, double maxDisplacement, IReadOnlyDictionary<string, string> parameters)
    {
        Width = width;
        Height = height;
        _draws = draws;
        Fault = fault;
        _distributed = distributed;
        _scale = scale;
        MaxDisplacement = maxDisplacement;
        Parameters = parameters;
    }

    public int Width { get; }
    public int Height { get; }
    public long Seed => _draws.Seed;
    public FaultDeformOptions Options => _draws.Options;
    public SceneFrame Frame => _draws.Frame;

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

        // Scene-level draws: FaultDeformSimulator.Simulate's, for a Width×Height frame.
        var draws = FaultDeformDraws.Draw(width, height, seed, o);
        var frame = draws.Frame;
        bool zero = draws.Zero;
        double maxDisplacement = draws.MaxDisplacement;

        DistributedDeformation? distributed = null;
        double scale = 0;
        if (draws.Fault is { } fault)
        {
            float faultMax = ScanMax(width, height, region => RawField(fault, frame, null, region), parallelism, cancellationToken);
            distributed = draws.Distributed(faultMax);
            float m = distributed is null ? faultMax
                : ScanMax(width, height, region => RawField(fault, frame, distributed, region), parallelism, cancellationToken);
            if (m > 0) scale = maxDisplacement / m;
            else zero = true;
        }
        if (zero) maxDisplacement = 0;

        var parameters = draws.Parameters(zero, maxDisplacement);
        parameters["width"] = width.ToString(CultureInfo.InvariantCulture);
        parameters["height"] = height.ToString(CultureInfo.InvariantCulture);

        return new FaultDeformScene(width, height, draws, zero ? null : draws.Fault, zero ? null : distributed, zero ? 0 : scale,
            maxDisplacement, parameters);
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
        var region = new PixelRect(0, row0, Width, rows);

        // The warper reads d at the detection region's pixels and at p = q − d(p) (|p − q| ≤ max |d|), bilinearly:
        // cover those rows, clipped to the scene (where a whole-scene field clamps too).
        int reach = Detection.Margin(Options.Detection) + (int)Math.Ceiling(MaxDisplacement) + 2;
        var displacementRegion = PixelRect.FromBounds(0, Math.Max(0, row0 - reach), Width, Math.Min(Height, row0 + rows + reach));
        var displacement = RenderDisplacement(displacementRegion);
        var (preAmplitude, postAmplitude, _, _) = _draws.RenderPair(region, displacement, MaxDisplacement);

        int n = checked(Width * rows);
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
}
