namespace GeoFlowNetSar.Synthesis.Dislocation;

/// <summary>
/// Surface displacement of a uniform-slip rectangular dislocation in an elastic half-space,
/// Okada, Y. (1985), "Surface deformation due to shear and tensile faults in a half-space",
/// Bull. Seismol. Soc. Am. 75(4), 1135–1154, eqs. 24–30.
/// </summary>
/// <remarks>
/// Okada's frame (his Fig. 1): x along strike, y horizontal, z up, free surface z = 0. The fault occupies
/// 0 ≤ ξ' ≤ L along strike and 0 ≤ η' ≤ W up-dip from its lower-left corner at (0, 0, −d), so d is the depth
/// of the lower edge; for 0 &lt; δ &lt; 90° the upper edge lies at y = W cos δ, depth d − W sin δ, and the
/// fault dips toward −y. U1 &gt; 0 moves the hanging wall (−y side) toward +x relative to the foot wall, i.e.
/// left-lateral; U2 &gt; 0 moves the hanging wall up-dip (reverse); U3 &gt; 0 opens the fault.
/// </remarks>
public sealed class OkadaRectangle
{
    // Below this |cos δ| eq. 28 loses digits to 1/cos δ cancellation; eq. 29 differs from it by O(cos δ).
    private const double VerticalCosine = 1e-6;

    private readonly double _sin, _cos, _alpha, _tiny;
    private readonly bool _vertical;

    /// <param name="depth">d: depth of the fault's lower edge (positive down).</param>
    /// <param name="dipDegrees">δ in [−90°, 90°].</param>
    /// <param name="length">L along strike.</param>
    /// <param name="width">W along dip.</param>
    /// <param name="strikeSlip">U1, positive left-lateral.</param>
    /// <param name="dipSlip">U2, positive reverse (hanging wall up-dip).</param>
    /// <param name="opening">U3, positive opening.</param>
    /// <param name="poissonRatio">ν; μ/(λ+μ) = 1 − 2ν.</param>
    public OkadaRectangle(double depth, double dipDegrees, double length, double width,
        double strikeSlip, double dipSlip, double opening, double poissonRatio = 0.25)
    {
        if (!(length > 0)) throw new ArgumentOutOfRangeException(nameof(length), length, "must be > 0");
        if (!(width > 0)) throw new ArgumentOutOfRangeException(nameof(width), width, "must be > 0");
        if (!(dipDegrees >= -90 && dipDegrees <= 90)) throw new ArgumentOutOfRangeException(nameof(dipDegrees), dipDegrees, "must be in [-90, 90]");
        if (!(poissonRatio > -1 && poissonRatio < 0.5)) throw new ArgumentOutOfRangeException(nameof(poissonRatio), poissonRatio, "must be in (-1, 0.5)");

        (_sin, _cos) = Angles.SinCosDegrees(dipDegrees);
        _vertical = Math.Abs(_cos) < VerticalCosine;
        if (_vertical)
        {
            _cos = 0;
            _sin = Math.Sign(_sin);
        }

        _tiny = 1e-12 * (length + width + Math.Abs(depth));
        double topDepth = depth - width * Math.Max(_sin, 0);
        if (!double.IsFinite(depth) || topDepth < -_tiny)
            throw new ArgumentOutOfRangeException(nameof(depth), depth, "the fault must lie below the free surface");

        Depth = depth;
        DipDegrees = dipDegrees;
        Length = length;
        Width = width;
        StrikeSlip = strikeSlip;
        DipSlip = dipSlip;
        Opening = opening;
        PoissonRatio = poissonRatio;
        _alpha = 1 - 2 * poissonRatio;
    }

    public double Depth { get; }
    public double DipDegrees { get; }
    public double Length { get; }
    public double Width { get; }
    public double StrikeSlip { get; }
    public double DipSlip { get; }
    public double Opening { get; }
    public double PoissonRatio { get; }

    /// <summary>Displacement at surface point (x, y) of Okada's frame.</summary>
    public OkadaDisplacement DisplacementAt(double x, double y)
    {
        // Eq. 30.
        double p = y * _cos + Depth * _sin;
        double q = y * _sin - Depth * _cos;
        if (Math.Abs(q) <= _tiny) q = 0; // singular case (i), p. 1148: points on the fault plane's trace

        // Chinnery's notation, eq. 24: f(ξ,η)|| = f(x,p) − f(x,p−W) − f(x−L,p) + f(x−L,p−W).
        var s = new Sums();
        AddCorner(x, p, q, +1, ref s);
        AddCorner(x, p - Width, q, -1, ref s);
        AddCorner(x - Length, p, q, -1, ref s);
        AddCorner(x - Length, p - Width, q, +1, ref s);

        if (s.QuarterTurns != 0)
        {
            // The π/2 parts of I5 set aside in AddCorner: ΔI5 = (2α/cos δ)(π/2)·n, ΔI1 = −tan δ·ΔI5 (eq. 28).
            double di5 = Math.PI * _alpha / _cos * s.QuarterTurns;
            double di1 = -_sin / _cos * di5;
            s.X1 += di1 * _sin;
            s.Y2 -= di1 * _sin * _cos;
            s.Y3 -= di1 * _sin * _sin;
            s.Z2 -= di5 * _sin * _cos;
            s.Z3 -= di5 * _sin * _sin;
        }

        // Eqs. 25–27: strike-slip and dip-slip brackets carry −U/2π, tensile +U3/2π.
        const double twoPi = 2 * Math.PI;
        double a = -StrikeSlip / twoPi, b = -DipSlip / twoPi, c = Opening / twoPi;
        return new OkadaDisplacement(
            a * s.X1 + b * s.X2 + c * s.X3,
            a * s.Y1 + b * s.Y2 + c * s.Y3,
            a * s.Z1 + b * s.Z2 + c * s.Z3);
    }

    /// <summary>Displacements at many surface points; spans must have equal lengths; no allocation.</summary>
    public void DisplacementAt(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> ux, Span<double> uy, Span<double> uz)
    {
        int n = x.Length;
        if (y.Length != n || ux.Length != n || uy.Length != n || uz.Length != n)
            throw new ArgumentException("all spans must have the same length");
        for (int i = 0; i < n; i++)
        {
            var u = DisplacementAt(x[i], y[i]);
            ux[i] = u.Ux;
            uy[i] = u.Uy;
            uz[i] = u.Uz;
        }
    }

    /// <summary>Bracketed terms of eqs. 25 (…1), 26 (…2) and 27 (…3), accumulated with Chinnery's signs.</summary>
    private struct Sums
    {
        public double X1, Y1, Z1, X2, Y2, Z2, X3, Y3, Z3;
        public int QuarterTurns;
    }

    /// <summary>ln(1 + v) accurate for small v (Goldberg 1991, Theorem 4); double.LogP1 is plain Log(1 + v).</summary>
    private static double LogOnePlus(double v)
    {
        double u = 1 + v;
        return u == 1 ? v : Math.Log(u) * v / (u - 1);
    }

    private void AddCorner(double xi, double eta, double q, int sign, ref Sums s)
    {
        if (Math.Abs(xi) <= _tiny) xi = 0; // singular case (ii), p. 1148
        double sd = _sin, cd = _cos;
        double yt = eta * cd + q * sd; // ỹ, eq. 30
        double dt = eta * sd - q * cd; // d̃, eq. 30
        double r = Math.Sqrt(xi * xi + eta * eta + q * q);
        if (r == 0) return; // observation point on a surface corner of the fault: the field is singular there

        double x2 = xi * xi + q * q;
        // R+η and R+ξ in cancellation-free form when η or ξ is negative: R ± η = (R² − η²)/(R ∓ η).
        double rEta = eta >= 0 ? r + eta : x2 / (r - eta);
        double rXi = xi >= 0 ? r + xi : (eta * eta + q * q) / (r - xi);
        // Singular case (iii), p. 1148: R+η = 0 ⇒ 1/(R+η) terms vanish and ln(R+η) becomes −ln(R−η).
        double invREta = rEta > 0 ? 1 / rEta : 0;
        double lnREta = rEta > 0 ? Math.Log(rEta) : -Math.Log(r - eta);
        // R+ξ = 0 only where η = q = 0; every 1/(R+ξ) term carries a factor q there.
        double invRXi = rXi > 0 ? 1 / rXi : 0;
        double atanXiEta = q == 0 ? 0 : Math.Atan(xi * eta / (q * r)); // singular case (i)
        double rD = r + dt;

        double i1, i2, i3, i4, i5;
        if (_vertical)
        {
            // Eq. 29, cos δ = 0.
            i1 = -0.5 * _alpha * xi * q / (rD * rD);
            i3 = 0.5 * _alpha * (eta / rD + yt * q / (rD * rD) - lnREta);
            i4 = -_alpha * q / rD;
            i5 = -_alpha * xi * sd / rD;
        }
        else
        {
            // Eq. 28. Near-vertical faults make the I terms O(1/cos δ) or O(1/cos² δ) per corner while their
            // Chinnery sum stays O(1); the two rewrites below keep that cancellation from eating the digits.
            // ln(R+d̃) − sin δ ln(R+η) = ln(1 + (d̃−η)/(R+η)) + (1 − sin δ) ln(R+η), each part O(cos δ) as δ → 90°,
            // with d̃ − η = −η(1 − sin δ) − q cos δ and 1 − sin δ = cos² δ/(1 + sin δ).
            double logBracket;
            if (rEta > 0 && sd > 0)
            {
                double oneMinusSin = cd * cd / (1 + sd);
                logBracket = LogOnePlus((-eta * oneMinusSin - q * cd) / rEta) + oneMinusSin * lnREta;
            }
            else
            {
                logBracket = Math.Log(rD) - sd * lnREta;
            }
            i4 = _alpha / cd * logBracket;
            i5 = 0; // singular case (ii) when ξ = 0
            if (xi != 0)
            {
                // For |z| > 1, atan z = sign(z)·π/2 − atan(1/z); the π/2 parts are counted as whole quarter turns
                // (exactly cancelling between corners) and added once in DisplacementAt.
                double bigX = Math.Sqrt(x2); // X, eq. 30
                double num = eta * (bigX + q * cd) + bigX * (r + bigX) * sd;
                double den = xi * (r + bigX) * cd;
                if (Math.Abs(num) > Math.Abs(den))
                {
                    i5 = -_alpha * 2 / cd * Math.Atan(den / num);
                    s.QuarterTurns += sign * Math.Sign(num) * Math.Sign(den);
                }
                else
                {
                    i5 = _alpha * 2 / cd * Math.Atan(num / den);
                }
            }
            i3 = _alpha * (yt / (cd * rD) - lnREta) + sd / cd * i4;
            i1 = -_alpha * xi / (cd * rD) - sd / cd * i5;
        }
        i2 = -_alpha * lnREta - i3; // eq. 28, also used with eq. 29

        double qOverR = q / r;
        double xiQREta = xi * qOverR * invREta; // ξq / R(R+η)
        double qRXi = qOverR * invRXi;          // q / R(R+ξ)

        // Eq. 25, strike-slip.
        s.X1 += sign * (xiQREta + atanXiEta + i1 * sd);
        s.Y1 += sign * (yt * qOverR * invREta + q * cd * invREta + i2 * sd);
        s.Z1 += sign * (dt * qOverR * invREta + q * sd * invREta + i4 * sd);
        // Eq. 26, dip-slip.
        s.X2 += sign * (qOverR - i3 * sd * cd);
        s.Y2 += sign * (yt * qRXi + cd * atanXiEta - i1 * sd * cd);
        s.Z2 += sign * (dt * qRXi + sd * atanXiEta - i5 * sd * cd);
        // Eq. 27, tensile.
        s.X3 += sign * (q * qOverR * invREta - i3 * sd * sd);
        s.Y3 += sign * (-dt * qRXi - sd * (xiQREta - atanXiEta) - i1 * sd * sd);
        s.Z3 += sign * (yt * qRXi + cd * (xiQREta - atanXiEta) - i5 * sd * sd);
    }
}
