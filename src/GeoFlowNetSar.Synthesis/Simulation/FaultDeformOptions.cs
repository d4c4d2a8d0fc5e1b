using GeoFlowNetSar.Synthesis.Faults;
using GeoFlowNetSar.Synthesis.Geometry;
using GeoFlowNetSar.Synthesis.Speckle;

namespace GeoFlowNetSar.Synthesis.Simulation;

/// <summary>
/// Everything <see cref="FaultDeformSimulator"/> draws from, as ranges [Min, Max] (uniform; Min = Max fixes it).
/// Defaults are Sentinel-1 IW SLC-like with max |d| = 1 px; <see cref="Training"/> also varies max |d| in [0.2, 2].
/// </summary>
public sealed record FaultDeformOptions
{
    /// <summary>
    /// The defaults with max |d| drawn in [0.2, 2] px and the azimuth spacing drawn in [1, 13.9] m, for training
    /// diversity. With Sentinel-1's 13.9 m alone, mean |dy| is ≈ 0.18 × mean |dx| in pixels (≈ 0.06 px at
    /// max |d| = 1), below the speckle noise, and a model learns to answer dy ≈ 0 (run 2 did for 4,000 steps). A
    /// finer azimuth spacing (stripmap and spotlight sensors reach 1 m) is a real geometry that lifts the ratio to ≈ 0.5.
    /// </summary>
    public static FaultDeformOptions Training => new() { MaxDisplacement = (0.2, 2.0), AzimuthSpacingDraw = (1.0, SarGeometry.Sentinel1AzimuthSpacing) };

    /// <summary>
    /// <see cref="Training"/> on Sentinel-1's geometry only (13.9 m azimuth spacing, the product's case and the
    /// validation's): a late training stage for a model that already measures azimuth motion, so it also learns how
    /// small |dy| usually is there (mean |dy| ≈ 0.18 × mean |dx|).
    /// </summary>
    public static FaultDeformOptions TrainingSentinel1 => new() { MaxDisplacement = (0.2, 2.0) };

    /// <summary>max over the image of max(|dx|, |dy|), pixels. Any positive value works (the warp margin follows).</summary>
    public (double Min, double Max) MaxDisplacement { get; init; } = (1.0, 1.0);

    /// <summary>Share of samples with d ≡ 0 (speckle decorrelation only), so a model learns not to invent motion.</summary>
    public double ZeroDeformationFraction { get; init; } = 0.12;

    /// <summary>Temporal coherence γ between PRE and POST outside changed patches.</summary>
    public (double Min, double Max) Coherence { get; init; } = (0.6, 0.95);

    /// <summary>Slant-range pixel spacing, m (Sentinel-1 IW ≈ 2.33).</summary>
    public double RangeSpacing { get; init; } = SarGeometry.Sentinel1RangeSpacing;

    /// <summary>Azimuth pixel spacing, m (Sentinel-1 IW ≈ 13.9).</summary>
    public double AzimuthSpacing { get; init; } = SarGeometry.Sentinel1AzimuthSpacing;

    /// <summary>
    /// When set, each sample's azimuth spacing is drawn log-uniformly in [Min, Max] m (own random stream, so no other
    /// draw changes) instead of <see cref="AzimuthSpacing"/>.
    /// </summary>
    public (double Min, double Max)? AzimuthSpacingDraw { get; init; }

    public (double Min, double Max) IncidenceDegrees { get; init; } = (30, 46);
    public double AscendingFraction { get; init; } = 0.5;
    public double AscendingHeadingDegrees { get; init; } = -10;
    public double DescendingHeadingDegrees { get; init; } = -170;
    public double HeadingJitterDegrees { get; init; } = 5;

    /// <summary>Processed bandwidth / sampling rate in range (IW3 ≈ 0.67 … IW1 ≈ 0.88).</summary>
    public (double Min, double Max) RangeBandwidth { get; init; } = (0.67, 0.88);

    /// <summary>Processed bandwidth / PRF in azimuth.</summary>
    public (double Min, double Max) AzimuthBandwidth { get; init; } = (0.62, 0.8);

    public DetectionMode Detection { get; init; } = DetectionMode.Native;

    /// <summary>Probability that a sample has changed (fully decorrelated) patches, and their total area share.</summary>
    public double ChangeProbability { get; init; } = 0.5;
    public (double Min, double Max) ChangedAreaFraction { get; init; } = (0.005, 0.04);

    /// <summary>Probability of off-fault distributed deformation, and its amplitude relative to the fault field's max |d|.</summary>
    public double DistributedDeformationProbability { get; init; } = 0.5;
    public (double Min, double Max) DistributedAmplitude { get; init; } = (0.02, 0.15);

    /// <summary>Structured reflectivity (terrain, fields, lines, point targets); false gives σ ≡ 1 (for statistics checks).</summary>
    public bool StructuredReflectivity { get; init; } = true;

    public RoughFaultOptions Fault { get; init; } = new();

    /// <summary>Fixed-point iterations of the inverse mapping p ← q − d(p).</summary>
    public int WarpIterations { get; init; } = 4;

    /// <summary>Throws on inconsistent settings.</summary>
    public void Validate()
    {
        static void Range((double Min, double Max) r, double lo, double hi, string name)
        {
            if (!(r.Min >= lo && r.Max <= hi && r.Min <= r.Max)) throw new ArgumentOutOfRangeException(name, $"{name} = [{r.Min}, {r.Max}] must satisfy {lo} ≤ Min ≤ Max ≤ {hi}");
        }
        Range(MaxDisplacement, 0, 1e4, nameof(MaxDisplacement));
        Range(Coherence, 0, 1, nameof(Coherence));
        Range(IncidenceDegrees, 1, 89, nameof(IncidenceDegrees));
        Range(RangeBandwidth, 0.05, 1, nameof(RangeBandwidth));
        Range(AzimuthBandwidth, 0.05, 1, nameof(AzimuthBandwidth));
        Range(ChangedAreaFraction, 0, 1, nameof(ChangedAreaFraction));
        Range(DistributedAmplitude, 0, 10, nameof(DistributedAmplitude));
        if (!(ZeroDeformationFraction is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(ZeroDeformationFraction));
        if (!(RangeSpacing > 0 && AzimuthSpacing > 0)) throw new ArgumentOutOfRangeException(nameof(RangeSpacing), "pixel spacings must be > 0");
        if (AzimuthSpacingDraw is { } a) Range(a, 0.01, 1e4, nameof(AzimuthSpacingDraw));
        ArgumentOutOfRangeException.ThrowIfLessThan(WarpIterations, 1);
    }
}
