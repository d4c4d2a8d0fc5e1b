namespace GeoFlowNetSar.Synthesis.Faults;

/// <summary>
/// Ranges for random faults. Lengths are relative to the scene extent (the larger ground side), so a fault is
/// "a few km" in a 256² Sentinel-1 sample (≈ 1.0 × 3.6 km) and scales with bigger scenes.
/// </summary>
public sealed record RoughFaultOptions
{
    /// <summary>Share of faults whose top edge reaches the surface (sharp displacement discontinuity at the trace).</summary>
    public double SurfaceRuptureFraction { get; init; } = 0.5;

    public double MinDipDegrees { get; init; } = 30;
    public double MaxDipDegrees { get; init; } = 90;

    /// <summary>Total trace length / scene extent.</summary>
    public (double Min, double Max) RelativeLength { get; init; } = (0.6, 2.5);

    /// <summary>Down-dip width / scene extent.</summary>
    public (double Min, double Max) RelativeWidth { get; init; } = (0.25, 1.0);

    /// <summary>Top depth of buried faults / scene extent.</summary>
    public (double Min, double Max) RelativeBuriedDepth { get; init; } = (0.03, 0.4);

    /// <summary>Lower bound of a buried top depth, metres (keeps buried faults visibly continuous on 14 m azimuth pixels).</summary>
    public double MinBuriedDepth { get; init; } = 100;

    /// <summary>Up to this many kinks (strike changes ~N(0, 15°)) along the trace.</summary>
    public int MaxBends { get; init; } = 3;

    /// <summary>Trace roughness: std of the first midpoint offset / piece length.</summary>
    public (double Min, double Max) Roughness { get; init; } = (0.0, 0.04);

    /// <summary>Std of the relative slip heterogeneity along strike is drawn in [0, this].</summary>
    public double MaxSlipHeterogeneity { get; init; } = 0.4;

    /// <summary>Cap on rectangles per fault (cost is linear in it).</summary>
    public int MaxSegments { get; init; } = 12;

    /// <summary>The fault centre is within ± this fraction of the image size from the image centre (the trace then crosses the image).</summary>
    public double CentreSpread { get; init; } = 0.3;

    /// <summary>
    /// Represent the fault surface as a triangle mesh (the trace extruded down-dip, continuous across bends) rather
    /// than one rectangle per trace segment. Same random draws either way; triangles cost several times more.
    /// </summary>
    public bool TriangleMesh { get; init; }

    /// <summary>Relative weights of strike-slip, normal, thrust and oblique mechanisms.</summary>
    public (double StrikeSlip, double Normal, double Thrust, double Oblique) MechanismWeights { get; init; } = (0.4, 0.25, 0.25, 0.1);
}
