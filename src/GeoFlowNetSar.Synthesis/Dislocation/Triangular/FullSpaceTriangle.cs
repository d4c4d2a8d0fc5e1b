namespace GeoFlowNetSar.Synthesis.Dislocation.Triangular;

/// <summary>
/// A uniform-slip triangular dislocation (TD) in an infinite elastic medium, Nikkhoo &amp; Walter (2015): the sum of
/// three angular dislocations, one per vertex, plus the Burgers' function term −b·Ω/4π that carries the whole
/// displacement jump across the triangle.
/// </summary>
/// <remarks>
/// TD coordinate system (TDCS), as in Nikkhoo &amp; Walter: x along the normal n = (P2 − P1) × (P3 − P1), y along the
/// strike ẑ × n (North when the triangle is horizontal with n up, South with n down), z = x × y; origin P2. The
/// Burgers vector is b = (Ts, Ss, Ds) in (x, y, z) and equals the jump u(+n side) − u(−n side).
///
/// Each angular dislocation is singular on two half-lines in the triangle's plane, so a TD built from one set of
/// three is singular along three extensions of its sides. The two artefact-free configurations use the opposite
/// legs: configuration I puts the angular dislocations at P1, P2, P3 along −e13, e12, e23, configuration II along
/// e13, −e12, −e23 (e_ij the unit side vectors). The projection of the observation point on the plane, in
/// barycentric coordinates (λ1, λ2, λ3), selects the configuration whose singular lines stay away from it.
/// </remarks>
internal sealed class FullSpaceTriangle
{
    // Points this close to a side (relative to the longest side) are on the dislocation line: NaN.
    private const double OnEdgeTolerance = 1e-12;

    private readonly Frame _tdcs;
    private readonly Vec3 _origin;
    private readonly Vec3 _p1, _p2, _p3; // in TDCS, x = 0
    private readonly AngularDislocation[] _first, _second; // configurations I and II
    private readonly Vec3 _burgers;
    private readonly double _edgeTolerance;

    /// <param name="p1">First vertex, (East, North, Up).</param>
    /// <param name="p2">Second vertex.</param>
    /// <param name="p3">Third vertex.</param>
    /// <param name="burgers">(Ts, Ss, Ds) in the TDCS of this vertex order.</param>
    /// <param name="poissonRatio">ν.</param>
    public FullSpaceTriangle(Vec3 p1, Vec3 p2, Vec3 p3, Vec3 burgers, double poissonRatio)
    {
        _tdcs = CoordinateSystem(p1, p2, p3);
        _origin = p2;
        _p1 = InPlane(_tdcs.ToLocal(p1 - p2));
        _p2 = default;
        _p3 = InPlane(_tdcs.ToLocal(p3 - p2));
        Vec3 e12 = (_p2 - _p1).Normalized(), e13 = (_p3 - _p1).Normalized(), e23 = (_p3 - _p2).Normalized();
        double angle1 = Math.Acos(Math.Clamp(e12.Dot(e13), -1, 1));
        double angle2 = Math.Acos(Math.Clamp(-e12.Dot(e23), -1, 1));
        double angle3 = Math.Acos(Math.Clamp(e23.Dot(e13), -1, 1));
        _first =
        [
            AtVertex(_p1, -1 * e13, angle1, burgers, poissonRatio),
            AtVertex(_p2, e12, angle2, burgers, poissonRatio),
            AtVertex(_p3, e23, angle3, burgers, poissonRatio),
        ];
        _second =
        [
            AtVertex(_p1, e13, angle1, burgers, poissonRatio),
            AtVertex(_p2, -1 * e12, angle2, burgers, poissonRatio),
            AtVertex(_p3, -1 * e23, angle3, burgers, poissonRatio),
        ];
        _burgers = burgers;
        double longestSide = Math.Max((p2 - p1).Norm, Math.Max((p3 - p2).Norm, (p1 - p3).Norm));
        _edgeTolerance = OnEdgeTolerance * longestSide;
    }

    /// <summary>The TDCS axes (normal, strike, dip) in East/North/Up, Nikkhoo &amp; Walter's convention.</summary>
    public static Frame CoordinateSystem(Vec3 p1, Vec3 p2, Vec3 p3)
    {
        Vec3 normal = (p2 - p1).Cross(p3 - p1).Normalized();
        Vec3 strike = Vec3.Up.Cross(normal);
        strike = strike.Norm == 0 ? new Vec3(0, normal.Z, 0) : strike.Normalized();
        return new Frame(normal, strike, normal.Cross(strike));
    }

    public Frame Tdcs => _tdcs;

    /// <summary>Displacement (East, North, Up) at a point given in East/North/Up.</summary>
    public Vec3 Displacement(Vec3 point)
    {
        Vec3 p = _tdcs.ToLocal(point - _origin);
        if (IsOnASide(p)) return new Vec3(double.NaN, double.NaN, double.NaN);

        var set = UsesFirstConfiguration(p.Y, p.Z) ? _first : _second;
        Vec3 incomplete = set[0].IncompleteDisplacement(p) + set[1].IncompleteDisplacement(p) + set[2].IncompleteDisplacement(p);
        return _tdcs.ToGlobal(incomplete + BurgersFunction(p) * _burgers);
    }

    private static Vec3 InPlane(Vec3 v) => new(0, v.Y, v.Z);

    private bool IsOnASide(Vec3 p) =>
        DistanceToSegment(p, _p1, _p2) <= _edgeTolerance
        || DistanceToSegment(p, _p2, _p3) <= _edgeTolerance
        || DistanceToSegment(p, _p3, _p1) <= _edgeTolerance;

    private static double DistanceToSegment(Vec3 p, Vec3 a, Vec3 b)
    {
        Vec3 ab = b - a;
        double t = Math.Clamp((p - a).Dot(ab) / ab.Dot(ab), 0, 1);
        return (p - (a + t * ab)).Norm;
    }

    /// <summary>
    /// Configuration II where the projected point lies in one of the three wedges beyond a side in which the
    /// barycentric coordinates order as λ1 ≤ 0, λ2 &gt; λ3 &gt; λ1 (and cyclically); configuration I elsewhere.
    /// </summary>
    private bool UsesFirstConfiguration(double y, double z)
    {
        double det = (_p2.Z - _p3.Z) * (_p1.Y - _p3.Y) + (_p3.Y - _p2.Y) * (_p1.Z - _p3.Z);
        double l1 = ((_p2.Z - _p3.Z) * (y - _p3.Y) + (_p3.Y - _p2.Y) * (z - _p3.Z)) / det;
        double l2 = ((_p3.Z - _p1.Z) * (y - _p3.Y) + (_p1.Y - _p3.Y) * (z - _p3.Z)) / det;
        double l3 = 1 - l1 - l2;
        bool second = (l1 <= 0 && l2 > l3 && l3 > l1)
            || (l2 <= 0 && l3 > l1 && l1 > l2)
            || (l3 <= 0 && l1 > l2 && l2 > l3);
        return !second;
    }

    /// <summary>
    /// One angular dislocation with its vertex at a TD vertex, the leg along <paramref name="side"/> and interior
    /// angle <paramref name="angle"/>: its frame is the TD normal, side × normal, and the side; the dislocation
    /// angle in that frame is −π + angle.
    /// </summary>
    private static AngularDislocation AtVertex(Vec3 vertex, Vec3 side, double angle, Vec3 burgers, double poissonRatio) =>
        new(vertex, new Frame(new Vec3(1, 0, 0), new Vec3(0, side.Z, -side.Y), side), -Math.PI + angle, burgers, poissonRatio);

    /// <summary>
    /// −Ω/4π with Ω the solid angle the triangle subtends at p (Van Oosterom &amp; Strackee 1983:
    /// tan(Ω/2) = a·(b × c) / (abc + (a·b)c + (a·c)b + (b·c)a), a, b, c the vertices seen from p).
    /// In the triangle's plane it is 0: outside the triangle exactly, inside as the mean of the two faces (±½).
    /// </summary>
    private double BurgersFunction(Vec3 p)
    {
        if (Math.Abs(p.X) <= _edgeTolerance) return 0;
        Vec3 a = _p1 - p, b = _p2 - p, c = _p3 - p;
        double na = a.Norm, nb = b.Norm, nc = c.Norm;
        double omega = 2 * Math.Atan2(a.Dot(b.Cross(c)), na * nb * nc + a.Dot(b) * nc + a.Dot(c) * nb + b.Dot(c) * na);
        return -omega / (4 * Math.PI);
    }
}
