namespace GeoFlowNetSar.Synthesis.Faults;

/// <summary>
/// Random rough fault traces: a few straight pieces joined at bends, each refined by random midpoint displacement
/// (a self-affine curve: the offset std at refinement level k is ρ·ℓ·2^(−kH), Hurst H), centred on a point.
/// </summary>
public static class FaultTrace
{
    /// <param name="length">Length of the unrefined polyline, metres (the rough one is slightly longer).</param>
    /// <param name="bends">Number of kinks; strike changes ~N(0, 15°), clipped to ±35°.</param>
    /// <param name="roughness">ρ, std of the first midpoint offset relative to the piece length.</param>
    /// <param name="hurst">H in (0, 1]: larger is smoother.</param>
    /// <param name="maxSegments">The trace has at most this many segments.</param>
    public static List<TracePoint> Generate(Random rng, double centreEast, double centreNorth, double strikeDegrees,
        double length, int bends, double roughness, double hurst, int maxSegments)
    {
        int pieces = bends + 1;
        if (maxSegments < pieces) throw new ArgumentOutOfRangeException(nameof(maxSegments), "fewer segments than pieces");

        // Piece lengths and headings (relative to the mean strike, length-weighted mean removed).
        var lengths = new double[pieces];
        var headings = new double[pieces];
        double total = 0;
        for (int i = 0; i < pieces; i++) total += lengths[i] = 0.5 + rng.NextDouble();
        double turn = 0, mean = 0;
        for (int i = 0; i < pieces; i++)
        {
            lengths[i] *= length / total;
            if (i > 0) turn += Math.Clamp(Normal(rng) * 15, -35, 35);
            headings[i] = turn;
            mean += turn * lengths[i] / length;
        }

        int levels = 0;
        while (levels < 3 && pieces << (levels + 1) <= maxSegments) levels++;

        var points = new List<TracePoint> { new(0, 0) };
        double e = 0, n = 0;
        for (int i = 0; i < pieces; i++)
        {
            var (s, c) = Math.SinCos((strikeDegrees + headings[i] - mean) * Math.PI / 180);
            double e1 = e + lengths[i] * s, n1 = n + lengths[i] * c;
            var piece = new List<TracePoint> { new(e, n), new(e1, n1) };
            for (int k = 1; k <= levels; k++)
            {
                double std = roughness * lengths[i] * Math.Pow(2, -k * hurst);
                var refined = new List<TracePoint>(piece.Count * 2) { piece[0] };
                for (int j = 1; j < piece.Count; j++)
                {
                    // Offset normal to the piece (c, −s), so the trace never folds back.
                    double offset = Normal(rng) * std;
                    refined.Add(new((piece[j - 1].East + piece[j].East) / 2 + offset * c,
                                    (piece[j - 1].North + piece[j].North) / 2 - offset * s));
                    refined.Add(piece[j]);
                }
                piece = refined;
            }
            points.AddRange(piece.Skip(1));
            (e, n) = (e1, n1);
        }

        // Put the point halfway along the trace on the requested centre.
        var (me, mn) = PointAtHalfLength(points);
        for (int i = 0; i < points.Count; i++)
            points[i] = new(points[i].East - me + centreEast, points[i].North - mn + centreNorth);
        return points;
    }

    private static (double East, double North) PointAtHalfLength(List<TracePoint> p)
    {
        double total = 0;
        for (int i = 1; i < p.Count; i++) total += Distance(p[i - 1], p[i]);
        double half = total / 2, run = 0;
        for (int i = 1; i < p.Count; i++)
        {
            double d = Distance(p[i - 1], p[i]);
            if (run + d >= half && d > 0)
            {
                double t = (half - run) / d;
                return (p[i - 1].East + t * (p[i].East - p[i - 1].East), p[i - 1].North + t * (p[i].North - p[i - 1].North));
            }
            run += d;
        }
        return (p[^1].East, p[^1].North);
    }

    internal static double Distance(TracePoint a, TracePoint b) => Math.Sqrt((b.East - a.East) * (b.East - a.East) + (b.North - a.North) * (b.North - a.North));

    /// <summary>N(0, 1) by Box–Muller from the seeded generator.</summary>
    internal static double Normal(Random rng)
    {
        double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
