using GeoFlowNetSar.Synthesis.Dislocation;

namespace GeoFlowNetSar.Synthesis.Faults;

/// <summary>A point of a fault's surface trace (top edge projected on the surface), metres East/North.</summary>
public readonly record struct TracePoint(double East, double North);

/// <summary>
/// A generated fault: a chain of Okada rectangles following a rough, bent trace, with slip varying along strike.
/// Slips are relative (peak ≈ 1 m): the simulator rescales the displacement field anyway.
/// </summary>
public sealed record RoughFault(
    IReadOnlyList<FaultPatch> Segments,
    IReadOnlyList<TracePoint> Trace,
    FaultMechanism Mechanism,
    bool SurfaceRupture,
    double TopDepth,
    double DipDegrees,
    double RakeDegrees,
    double StrikeDegrees,
    double Length,
    double Width,
    double CentreEast,
    double CentreNorth,
    int Bends,
    double Roughness,
    double SlipHeterogeneity)
{
    public double PeakSlip => Segments.Count == 0 ? 0 : Segments.Max(s => s.Slip);
}
