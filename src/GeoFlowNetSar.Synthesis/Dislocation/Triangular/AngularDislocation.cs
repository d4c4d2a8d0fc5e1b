namespace GeoFlowNetSar.Synthesis.Dislocation.Triangular;

/// <summary>
/// Displacement of an angular dislocation in an infinite elastic medium, Comninou &amp; Dundurs (1975),
/// "The angular dislocation in a half space", J. Elasticity 5, 203–216, in the form Nikkhoo &amp; Walter (2015)
/// use as the building block of a triangular dislocation: the "incomplete" field, i.e. without the Burgers'
/// function term b·Ω/4π, which the triangle adds once for all its angular dislocations.
/// </summary>
/// <remarks>
/// Angular-dislocation frame (x, y, z): one leg runs along +z from the vertex at the origin, the other lies in the
/// y–z plane at angle α from it, along (sin α, cos α). With η = y cos α − z sin α and ζ = y sin α + z cos α,
/// the field is singular only where r = z or r = ζ (on the legs); both differences are computed without
/// cancellation, r − z = (x² + y²)/(r + z) for z &gt; 0 and r − ζ = (x² + η²)/(r + ζ) for ζ &gt; 0.
/// </remarks>
internal readonly struct AngularDislocation
{
    private readonly Vec3 _vertex, _burgers;
    private readonly Frame _frame;
    private readonly double _sin, _cos, _scale, _oneMinus2Nu;

    /// <param name="vertex">Vertex position in the parent frame.</param>
    /// <param name="frame">Angular-dislocation axes (x, y, z) in the parent frame.</param>
    /// <param name="alpha">α, angle of the second leg from +z in the y–z plane.</param>
    /// <param name="burgers">Burgers vector in the parent frame.</param>
    /// <param name="poissonRatio">ν.</param>
    public AngularDislocation(Vec3 vertex, Frame frame, double alpha, Vec3 burgers, double poissonRatio)
    {
        _vertex = vertex;
        _frame = frame;
        _burgers = frame.ToLocal(burgers);
        (_sin, _cos) = Math.SinCos(alpha);
        _scale = 1 / (8 * Math.PI * (1 - poissonRatio));
        _oneMinus2Nu = 1 - 2 * poissonRatio;
    }

    /// <summary>Incomplete displacement at a point of the parent frame, in the parent frame.</summary>
    public Vec3 IncompleteDisplacement(Vec3 point)
    {
        var g = new LegGeometry(_frame.ToLocal(point - _vertex), _sin, _cos);
        double m = _oneMinus2Nu;
        Vec3 u = _burgers.X * DueToBx(g, m) + _burgers.Y * DueToBy(g, m) + _burgers.Z * DueToBz(g, m);
        return _frame.ToGlobal(_scale * u);
    }

    /// <summary>Distances to both legs and the quantities every component shares.</summary>
    private readonly struct LegGeometry
    {
        public readonly double X, Y, Z, Sin, Cos, Eta, R, RMinusZ, RMinusZeta, LnRMinusZ, LnRMinusZeta;

        public LegGeometry(Vec3 p, double sin, double cos)
        {
            Sin = sin;
            Cos = cos;
            X = p.X;
            Y = p.Y;
            Z = p.Z;
            Eta = Y * Cos - Z * Sin;
            double zeta = Y * Sin + Z * Cos;
            R = p.Norm;
            RMinusZ = Z > 0 ? (X * X + Y * Y) / (R + Z) : R - Z;
            RMinusZeta = zeta > 0 ? (X * X + Eta * Eta) / (R + zeta) : R - zeta;
            LnRMinusZ = Math.Log(RMinusZ);
            LnRMinusZeta = Math.Log(RMinusZeta);
        }

        /// <summary>1/(r(r − z)).</summary>
        public double OverRRz => 1 / (R * RMinusZ);

        /// <summary>1/(r(r − ζ)).</summary>
        public double OverRRzeta => 1 / (R * RMinusZeta);
    }

    private static Vec3 DueToBx(in LegGeometry g, double m) => new(
        g.X * g.Y * g.OverRRz - g.X * g.Eta * g.OverRRzeta,
        g.Eta * g.Sin / g.RMinusZeta - g.Y * g.Eta * g.OverRRzeta + g.Y * g.Y * g.OverRRz
            + m * (g.Cos * g.LnRMinusZeta - g.LnRMinusZ),
        g.Eta * g.Cos / g.RMinusZeta - g.Y / g.R - g.Eta * g.Z * g.OverRRzeta - m * g.Sin * g.LnRMinusZeta);

    private static Vec3 DueToBy(in LegGeometry g, double m) => new(
        g.X * g.X * g.Cos * g.OverRRzeta - g.X * g.X * g.OverRRz - m * (g.Cos * g.LnRMinusZeta - g.LnRMinusZ),
        g.X * (g.Y * g.Cos * g.OverRRzeta - g.Sin * g.Cos / g.RMinusZeta - g.Y * g.OverRRz),
        g.X * (g.Z * g.Cos * g.OverRRzeta - g.Cos * g.Cos / g.RMinusZeta + 1 / g.R));

    private static Vec3 DueToBz(in LegGeometry g, double m) => g.Sin * new Vec3(
        m * g.LnRMinusZeta - g.X * g.X * g.OverRRzeta,
        g.X * (g.Sin / g.RMinusZeta - g.Y * g.OverRRzeta),
        g.X * (g.Cos / g.RMinusZeta - g.Z * g.OverRRzeta));
}
