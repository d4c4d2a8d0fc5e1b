using GeoFlowNetSar.Synthesis.Dislocation;

namespace GeoFlowNetSar.Synthesis.Faults;

/// <summary>
/// A fault surface as a triangle mesh: the rough trace extruded down-dip along one dip vector, each trace segment
/// giving a planar parallelogram split into two triangles.
/// </summary>
/// <remarks>
/// One rectangle per segment, each dipping normal to its own strike, leaves open wedges on the outer side of every
/// bend and overlaps on the inner side. Extruding the whole trace along the dip vector of the mean strike,
/// w·(cos δ·r̂ − sin δ·ẑ) with r̂ to the right of the mean strike, gives a continuous surface instead: neighbouring
/// elements share their down-dip edge, the bottom edge is a translated copy of the trace (it cannot fold), and a
/// segment turned by θ from the mean strike dips slightly more steeply than δ (its plane is sheared, not rotated).
/// </remarks>
public static class FaultMesh
{
    /// <param name="trace">Top edge, at <paramref name="topDepth"/>.</param>
    /// <param name="segments">One per trace segment, for slip and rake (their geometry is not used).</param>
    /// <param name="topDepth">Depth of the trace, metres.</param>
    /// <param name="meanStrikeDegrees">Strike whose right-hand side is the dip direction.</param>
    /// <param name="dipDegrees">δ of the extrusion vector.</param>
    /// <param name="width">Length of the extrusion vector (down-dip width).</param>
    /// <param name="poissonRatio">ν.</param>
    public static List<TriangularDislocation> Extrude(IReadOnlyList<TracePoint> trace, IReadOnlyList<FaultPatch> segments,
        double topDepth, double meanStrikeDegrees, double dipDegrees, double width, double poissonRatio = 0.25)
    {
        if (segments.Count != trace.Count - 1)
            throw new ArgumentException($"{segments.Count} segments for a trace of {trace.Count} points; expected one per trace segment");
        if (!(width > 0)) throw new ArgumentOutOfRangeException(nameof(width), width, "must be > 0");
        if (!(dipDegrees >= 0 && dipDegrees <= 90)) throw new ArgumentOutOfRangeException(nameof(dipDegrees), dipDegrees, "must be in [0, 90]");

        var (sinStrike, cosStrike) = Angles.SinCosDegrees(meanStrikeDegrees);
        var (sinDip, cosDip) = Angles.SinCosDegrees(dipDegrees);
        // Right of strike (sin φ, cos φ) is (cos φ, −sin φ).
        double offsetEast = width * cosDip * cosStrike, offsetNorth = -width * cosDip * sinStrike;
        double bottomDepth = topDepth + width * sinDip;

        var mesh = new List<TriangularDislocation>(2 * segments.Count);
        for (int i = 0; i < segments.Count; i++)
        {
            var top0 = new FaultVertex(trace[i].East, trace[i].North, topDepth);
            var top1 = new FaultVertex(trace[i + 1].East, trace[i + 1].North, topDepth);
            var bottom0 = new FaultVertex(top0.East + offsetEast, top0.North + offsetNorth, bottomDepth);
            var bottom1 = new FaultVertex(top1.East + offsetEast, top1.North + offsetNorth, bottomDepth);
            var s = segments[i];
            // Vertex order puts the normal (P2 − P1) × (P3 − P1) on the hanging-wall side, which only matters
            // when the extrusion is vertical.
            mesh.Add(TriangularDislocation.FromRake(top0, bottom1, top1, s.RakeDegrees, s.Slip, s.Opening, poissonRatio));
            mesh.Add(TriangularDislocation.FromRake(top0, bottom0, bottom1, s.RakeDegrees, s.Slip, s.Opening, poissonRatio));
        }
        return mesh;
    }
}
