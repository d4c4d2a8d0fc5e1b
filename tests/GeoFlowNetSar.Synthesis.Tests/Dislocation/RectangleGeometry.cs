using GeoFlowNetSar.Synthesis.Dislocation;

namespace GeoFlowNetSar.Synthesis.Tests.Dislocation;

/// <summary>A FaultPatch's rectangle and the same rectangle as two triangles split along a diagonal.</summary>
internal sealed record RectangleGeometry(string Name, double TopCentreEast, double TopCentreNorth, double TopDepth,
    double StrikeDegrees, double DipDegrees, double Length, double Width, double RakeDegrees, double Slip, double Opening)
{
    public double PoissonRatio { get; init; } = 0.25;

    public FaultPatch Patch() => new(TopCentreEast, TopCentreNorth, TopDepth, StrikeDegrees,
        DipDegrees, Length, Width, RakeDegrees, Slip, Opening, PoissonRatio);

    /// <summary>Corners: top start, top end, bottom end, bottom start.</summary>
    public FaultVertex[] Corners()
    {
        double phi = StrikeDegrees * Math.PI / 180, delta = DipDegrees * Math.PI / 180;
        double cosDip = DipDegrees == 90 ? 0 : Math.Cos(delta), sinDip = DipDegrees == 90 ? 1 : Math.Sin(delta);
        double se = Math.Sin(phi), sn = Math.Cos(phi); // strike
        double re = Math.Cos(phi), rn = -Math.Sin(phi); // right of strike: the dip direction
        double e0 = TopCentreEast - 0.5 * Length * se, n0 = TopCentreNorth - 0.5 * Length * sn;
        double de = Width * cosDip * re, dn = Width * cosDip * rn, bottom = TopDepth + Width * sinDip;
        return
        [
            new(e0, n0, TopDepth),
            new(e0 + Length * se, n0 + Length * sn, TopDepth),
            new(e0 + Length * se + de, n0 + Length * sn + dn, bottom),
            new(e0 + de, n0 + dn, bottom),
        ];
    }

    /// <summary>Two triangles sharing the diagonal top start – bottom end, normals into the hanging wall.</summary>
    public TriangularDislocation[] Triangles()
    {
        double poissonRatio = PoissonRatio;
        var c = Corners();
        return
        [
            TriangularDislocation.FromRake(c[0], c[2], c[1], RakeDegrees, Slip, Opening, poissonRatio),
            TriangularDislocation.FromRake(c[0], c[3], c[2], RakeDegrees, Slip, Opening, poissonRatio),
        ];
    }

    public static EnuDisplacement Sum(TriangularDislocation[] triangles, double east, double north, double depth = 0)
    {
        double e = 0, n = 0, u = 0;
        foreach (var t in triangles)
        {
            var d = t.DisplacementAt(east, north, depth);
            e += d.East;
            n += d.North;
            u += d.Up;
        }
        return new EnuDisplacement(e, n, u);
    }

    /// <summary>Horizontal distance from (east, north) to the top edge's surface trace.</summary>
    public double DistanceToTopEdge(double east, double north)
    {
        var c = Corners();
        double ax = c[0].East, ay = c[0].North, bx = c[1].East - ax, by = c[1].North - ay;
        double t = Math.Clamp(((east - ax) * bx + (north - ay) * by) / (bx * bx + by * by), 0, 1);
        return Math.Sqrt(Math.Pow(east - ax - t * bx, 2) + Math.Pow(north - ay - t * by, 2));
    }

    public override string ToString() => Name;
}
