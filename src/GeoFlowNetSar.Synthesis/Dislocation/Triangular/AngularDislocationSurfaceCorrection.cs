namespace GeoFlowNetSar.Synthesis.Dislocation.Triangular;

/// <summary>
/// The harmonic ("free-surface correction") part of an angular dislocation in a half-space, Comninou &amp; Dundurs
/// (1975) — the terms of their half-space solution beyond the full-space dislocation and its mirror image — in
/// the form Nikkhoo &amp; Walter (2015) use on each side of a triangle (their angular-dislocation pairs).
/// </summary>
/// <remarks>
/// Frame (y1, y2, y3): y3 points down, the vertex lies at depth a, the free surface is y3 = −a, and the
/// dislocation's inclined leg makes angle β with the downward vertical in the y1–y3 plane. Everything is written in
/// terms of the image point: ȳ3 = y3 + 2a, R̄ = |(y1, y2, ȳ3)|, z̄1 = y1 cos β + ȳ3 sin β, z̄3 = −y1 sin β + ȳ3 cos β,
/// and the image Burgers' function F̄ = 2 atan(−y2 / (y1 − (R̄ + ȳ3) cot(β/2))).
/// cot β/cos β products of the published form are written as 1/sin β so a horizontal leg (cos β → 0) stays exact.
/// </remarks>
internal readonly struct AngularDislocationSurfaceCorrection
{
    private readonly Angle _angle;
    private readonly Vec3 _burgers;
    private readonly double _scale, _poissonRatio;

    /// <param name="beta">β, the inclined leg's angle from the downward vertical.</param>
    /// <param name="burgers">Burgers vector in the (y1, y2, y3) frame.</param>
    /// <param name="poissonRatio">ν.</param>
    public AngularDislocationSurfaceCorrection(double beta, Vec3 burgers, double poissonRatio)
    {
        _angle = new Angle(beta);
        _burgers = burgers;
        _scale = 1 / (4 * Math.PI * (1 - poissonRatio));
        _poissonRatio = poissonRatio;
    }

    /// <summary>Correction at <paramref name="point"/> (y1, y2, y3) for a vertex at depth <paramref name="vertexDepth"/>.</summary>
    public Vec3 Displacement(Vec3 point, double vertexDepth)
    {
        var g = new ImageGeometry(point, _angle, vertexDepth);
        double nu = _poissonRatio;
        return _scale * (_burgers.X * DueToB1(g, nu) + _burgers.Y * DueToB2(g, nu) + _burgers.Z * DueToB3(g, nu));
    }

    /// <summary>sin β, cos β, cot β, 1/sin β and cot(β/2), computed once per angular dislocation.</summary>
    private readonly struct Angle
    {
        public readonly double Sin, Cos, Cot, OverSin, CotHalf;

        public Angle(double beta)
        {
            (Sin, Cos) = Math.SinCos(beta);
            Cot = Cos / Sin;
            OverSin = 1 / Sin;
            CotHalf = 1 / Math.Tan(beta / 2);
        }
    }

    private readonly struct ImageGeometry
    {
        public readonly double A, Y1, Y2, Y3b, Z1b, Rb, Sin, Cos, Cot, OverSin;
        /// <summary>R̄ + ȳ3, R̄ + z̄3, ȳ3 − a and the image Burgers' function F̄.</summary>
        public readonly double RbY3, RbZ3, H, Fb;
        public readonly double LnRbY3, LnRbZ3;

        public ImageGeometry(Vec3 p, in Angle beta, double a)
        {
            Sin = beta.Sin;
            Cos = beta.Cos;
            Cot = beta.Cot;
            OverSin = beta.OverSin;
            A = a;
            Y1 = p.X;
            Y2 = p.Y;
            Y3b = p.Z + 2 * a;
            Z1b = Y1 * Cos + Y3b * Sin;
            double z3b = -Y1 * Sin + Y3b * Cos;
            Rb = Math.Sqrt(Y1 * Y1 + Y2 * Y2 + Y3b * Y3b);
            // R̄ + t = (R̄² − t²)/(R̄ − t) for t < 0: near the legs R̄ + z̄3 would otherwise cancel to 0.
            RbY3 = Y3b >= 0 ? Rb + Y3b : (Y1 * Y1 + Y2 * Y2) / (Rb - Y3b);
            RbZ3 = z3b >= 0 ? Rb + z3b : (Z1b * Z1b + Y2 * Y2) / (Rb - z3b);
            H = Y3b - a;
            LnRbY3 = Math.Log(RbY3);
            LnRbZ3 = Math.Log(RbZ3);
            double den = Y1 - RbY3 * beta.CotHalf;
            Fb = den == 0 && Y2 == 0 ? 0 : 2 * Math.Atan(-Y2 / den);
        }

        /// <summary>R̄ cos β + ȳ3 = (R̄ + z̄3) cos β + z̄1 sin β, exact where both sides vanish (on the leg R̄ = −z̄3).</summary>
        public double RbCosPlusY3 => RbZ3 * Cos + Z1b * Sin;

        /// <summary>R̄ sin β − y1 = (R̄ + z̄3) sin β − z̄1 cos β, likewise.</summary>
        public double RbSinMinusY1 => RbZ3 * Sin - Z1b * Cos;

        /// <summary>a/R̄.</summary>
        public double AOverRb => A / Rb;
    }

    private static Vec3 DueToB1(in ImageGeometry g, double nu)
    {
        double n1 = 1 - nu, n2 = 1 - 2 * nu;
        double y1 = g.Y1, y2 = g.Y2, rb = g.Rb, rb2 = rb * rb, rb3 = rb2 * rb;
        double cot = g.Cot, cos = g.Cos, a = g.A, aR = g.AOverRb, h = g.H;

        double u1 = -2 * n1 * n2 * g.Fb * cot * cot
            + n2 * y2 / g.RbY3 * ((n2 - aR) * cot - y1 / g.RbY3 * (nu + aR))
            + n2 * y2 * cos * cot / g.RbZ3 * (cos + aR)
            + a * y2 * h * cot / rb3
            + y2 * h / (rb * g.RbY3) * (-n2 * cot + y1 / g.RbY3 * (2 * nu + aR) + a * y1 / rb2)
            + y2 * h / (rb * g.RbZ3) * (cos / g.RbZ3 * (g.RbCosPlusY3 * (n2 * cos - aR) * cot
                + 2 * n1 * g.RbSinMinusY1 * cos) - a * g.Y3b * cos * cot / rb2);

        double u2 = n2 * ((2 * n1 * cot * cot - nu) * g.LnRbY3 - (2 * n1 * cot * cot + 1 - 2 * nu) * cos * g.LnRbZ3)
            - n2 / g.RbY3 * (y1 * cot * (n2 - aR) + nu * g.Y3b - a + y2 * y2 / g.RbY3 * (nu + aR))
            - n2 * g.Z1b * cot / g.RbZ3 * (cos + aR)
            - a * y1 * h * cot / rb3
            + h / g.RbY3 * (-2 * nu + (n2 * y1 * cot - a) / rb + y2 * y2 / (rb * g.RbY3) * (2 * nu + aR) + a * y2 * y2 / rb3)
            + h / g.RbZ3 * (cos * cos - (n2 * g.Z1b * cot + a * cos) / rb + a * g.Y3b * g.Z1b * cot / rb3
                - (y2 * y2 * cos * cos - a * g.Z1b * cot / rb * g.RbCosPlusY3) / (rb * g.RbZ3));

        double u3 = 2 * n1 * (n2 * g.Fb * cot + y2 / g.RbY3 * (2 * nu + aR) - y2 * cos / g.RbZ3 * (cos + aR))
            + y2 * h / rb * (2 * nu / g.RbY3 + a / rb2)
            + y2 * h * cos / (rb * g.RbZ3) * (n2 - g.RbCosPlusY3 / g.RbZ3 * (cos + aR) - a * g.Y3b / rb2);

        return new Vec3(u1, u2, u3);
    }

    private static Vec3 DueToB2(in ImageGeometry g, double nu)
    {
        double n1 = 1 - nu, n2 = 1 - 2 * nu;
        double y1 = g.Y1, y2 = g.Y2, rb = g.Rb, rb2 = rb * rb, rb3 = rb2 * rb;
        double cot = g.Cot, cos = g.Cos, sin = g.Sin, a = g.A, aR = g.AOverRb, h = g.H;
        // cot β (1 + a/(R̄ cos β)) of the published form.
        double cotPlus = cot + a * g.OverSin / rb;

        double u1 = n2 * ((2 * n1 * cot * cot + nu) * g.LnRbY3 - (2 * n1 * cot * cot + 1) * cos * g.LnRbZ3)
            + n2 / g.RbY3 * (-n2 * y1 * cot + nu * g.Y3b - a + a * y1 * cot / rb + y1 * y1 / g.RbY3 * (nu + aR))
            - n2 / g.RbZ3 * (g.Z1b * cos * cot - a * g.RbSinMinusY1 * g.OverSin / rb)
            - a * y1 * h * cot / rb3
            + h / g.RbY3 * (2 * nu + (n2 * y1 * cot + a) / rb - y1 * y1 / (rb * g.RbY3) * (2 * nu + aR) - a * y1 * y1 / rb3)
            + h / g.RbZ3 * (-cos * cos + a * y1 * g.Y3b * g.OverSin / rb3
                + g.RbSinMinusY1 / rb * (2 * n1 * cos * cot - g.RbCosPlusY3 / g.RbZ3 * cotPlus));

        double u2 = 2 * n1 * n2 * g.Fb * cot * cot
            + n2 * y2 / g.RbY3 * (-(n2 - aR) * cot + y1 / g.RbY3 * (nu + aR))
            - n2 * y2 / g.RbZ3 * cotPlus
            - a * y2 * h * cot / rb3
            + y2 * h / (rb * g.RbY3) * (n2 * cot - 2 * nu * y1 / g.RbY3 - a * y1 / rb * (1 / rb + 1 / g.RbY3))
            + y2 * h / (rb * g.RbZ3) * (-2 * n1 * cos * cot + g.RbCosPlusY3 / g.RbZ3 * cotPlus + a * g.Y3b * g.OverSin / rb2);

        double u3 = -2 * n1 * n2 * cot * (g.LnRbY3 - cos * g.LnRbZ3)
            - 2 * n1 * y1 / g.RbY3 * (2 * nu + aR)
            + 2 * n1 * g.Z1b / g.RbZ3 * (cos + aR)
            + h / rb * (n2 * cot - 2 * nu * y1 / g.RbY3 - a * y1 / rb2)
            - h / g.RbZ3 * (cos * sin + g.RbCosPlusY3 * cot / rb * (2 * n1 * cos - g.RbCosPlusY3 / g.RbZ3)
                + aR * (sin - g.Y3b * g.Z1b / rb2 - g.Z1b * g.RbCosPlusY3 / (rb * g.RbZ3)));

        return new Vec3(u1, u2, u3);
    }

    private static Vec3 DueToB3(in ImageGeometry g, double nu)
    {
        double n1 = 1 - nu, n2 = 1 - 2 * nu;
        double y1 = g.Y1, y2 = g.Y2, rb = g.Rb, rb2 = rb * rb;
        double cos = g.Cos, sin = g.Sin, a = g.A, aR = g.AOverRb, h = g.H;

        double u1 = n2 * (y2 / g.RbY3 * (1 + aR) - y2 * cos / g.RbZ3 * (cos + aR))
            - y2 * h / rb * (a / rb2 + 1 / g.RbY3)
            + y2 * h * cos / (rb * g.RbZ3) * (g.RbCosPlusY3 / g.RbZ3 * (cos + aR) + a * g.Y3b / rb2);

        double u2 = n2 * (-sin * g.LnRbZ3 - y1 / g.RbY3 * (1 + aR) + g.Z1b / g.RbZ3 * (cos + aR))
            + y1 * h / rb * (a / rb2 + 1 / g.RbY3)
            - h / g.RbZ3 * (sin * (cos - aR) + g.Z1b / rb * (1 + a * g.Y3b / rb2)
                - (y2 * y2 * cos * sin - a * g.Z1b / rb * g.RbCosPlusY3) / (rb * g.RbZ3));

        double u3 = 2 * n1 * g.Fb
            + 2 * n1 * y2 * sin / g.RbZ3 * (cos + aR)
            + y2 * h * sin / (rb * g.RbZ3) * (1 + g.RbCosPlusY3 / g.RbZ3 * (cos + aR) + a * g.Y3b / rb2);

        return new Vec3(u1, u2, u3);
    }
}
