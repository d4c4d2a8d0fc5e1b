using GeoFlowNetSar.Synthesis.Dislocation;

namespace GeoFlowNetSar.Synthesis.Faults;

/// <summary>A point of a fault's surface trace (top edge projected on the surface), metres East/North.</summary>
public readonly record struct TracePoint(double East, double North);

/// <summary>
/// A generated fault: a chain of Okada rectangles following a rough, bent trace, with slip varying along strike.
/// Slips are relative (peak ≈ 1 m): the simulator rescales the displacement field anyway.
/// </summary>
/// <remarks>
/// <see cref="Mesh"/>, when present, is the same fault as a continuous triangle mesh (<see cref="FaultMesh"/>) with
/// the segments' slip and rake; displacement is then computed from it instead of <see cref="Segments"/>.
/// </remarks>
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
    double SlipHeterogeneity,
    IReadOnlyList<TriangularDislocation>? Mesh = null)
{
    public double PeakSlip => Segments.Count == 0 ? 0 : Segments.Max(s => s.Slip);
}
