using GeoFlowNetSar.Synthesis.Dislocation;
using GeoFlowNetSar.Synthesis.Geometry;

namespace GeoFlowNetSar.Synthesis.Faults;

/// <summary>
/// Draws a random <see cref="RoughFault"/> for a scene from a seeded <see cref="Random"/> (same generator state,
/// same fault).
/// </summary>
/// <remarks>
/// Slip along strike, with s ∈ [0, 1] the normalised position of a segment's midpoint along the trace:
///   slip(s) = max(0.05, sin(πs)^p · (1 + h·η(s))),   p ∈ [0.5, 1.5]
/// sin(πs)^p tapers the slip to zero at the tips (p small: boxy, p large: peaked), η is a random sum of four
/// harmonics sin(πks + φₖ) with 1/k amplitudes normalised to unit std, h the heterogeneity. Each segment also gets
/// a few degrees of rake jitter. All segments share dip, width and top depth, so the fault plane is continuous
/// down-dip except for the small wedges bends leave.
/// </remarks>
public static class RoughFaultGenerator
{
    public static RoughFault Generate(Random rng, SceneFrame frame, RoughFaultOptions options)
    {
        double extent = frame.Extent;
        var mechanism = PickMechanism(rng, options.MechanismWeights);
        double dip, rake;
        switch (mechanism)
        {
            case FaultMechanism.StrikeSlip:
                dip = Uniform(rng, 70, 90);
                rake = (rng.NextDouble() < 0.5 ? 0 : 180) + FaultTrace.Normal(rng) * 10;
                break;
            case FaultMechanism.Normal:
                dip = Uniform(rng, 40, 70);
                rake = -90 + FaultTrace.Normal(rng) * 15;
                break;
            case FaultMechanism.Thrust:
                dip = Uniform(rng, 30, 50);
                rake = 90 + FaultTrace.Normal(rng) * 15;
                break;
            default:
                dip = Uniform(rng, options.MinDipDegrees, options.MaxDipDegrees);
                rake = Uniform(rng, -180, 180);
                break;
        }
        dip = Math.Clamp(dip, options.MinDipDegrees, options.MaxDipDegrees);

        bool surface = rng.NextDouble() < options.SurfaceRuptureFraction;
        double buried = Math.Max(options.MinBuriedDepth, extent * Uniform(rng, options.RelativeBuriedDepth));
        double topDepth = surface ? 0 : buried;
        double length = extent * Uniform(rng, options.RelativeLength);
        double width = extent * Uniform(rng, options.RelativeWidth);
        double strike = Uniform(rng, 0, 360);
        var (centreEast, centreNorth) = frame.ToGround(
            frame.CentreColumn + Uniform(rng, -1, 1) * options.CentreSpread * frame.Width,
            frame.CentreRow + Uniform(rng, -1, 1) * options.CentreSpread * frame.Height);

        int bends = rng.Next(options.MaxBends + 1);
        double roughness = Uniform(rng, options.Roughness);
        double hurst = Uniform(rng, 0.5, 0.9);
        var trace = FaultTrace.Generate(rng, centreEast, centreNorth, strike, length, bends, roughness, hurst,
            Math.Max(options.MaxSegments, bends + 1));

        // Slip profile: taper × (1 + h·η).
        double taperPower = Uniform(rng, 0.5, 1.5);
        double heterogeneity = Uniform(rng, 0, options.MaxSlipHeterogeneity);
        Span<double> amp = stackalloc double[4];
        Span<double> phase = stackalloc double[4];
        double norm = 0;
        for (int k = 0; k < 4; k++)
        {
            amp[k] = FaultTrace.Normal(rng) / (k + 1);
            phase[k] = Uniform(rng, 0, 2 * Math.PI);
            norm += amp[k] * amp[k] / 2;
        }
        norm = norm > 0 ? 1 / Math.Sqrt(norm) : 0;

        double traceLength = 0;
        for (int i = 1; i < trace.Count; i++) traceLength += FaultTrace.Distance(trace[i - 1], trace[i]);
        var segments = new List<FaultPatch>(trace.Count - 1);
        double run = 0;
        for (int i = 1; i < trace.Count; i++)
        {
            var a = trace[i - 1];
            var b = trace[i];
            double len = FaultTrace.Distance(a, b);
            double s = (run + len / 2) / traceLength;
            run += len;
            double eta = 0;
            for (int k = 0; k < 4; k++) eta += amp[k] * Math.Sin(Math.PI * (k + 1) * s + phase[k]);
            double slip = Math.Max(0.05, Math.Pow(Math.Sin(Math.PI * s), taperPower) * (1 + heterogeneity * eta * norm));
            double segmentStrike = Math.Atan2(b.East - a.East, b.North - a.North) * 180 / Math.PI;
            double segmentRake = rake + FaultTrace.Normal(rng) * 4;
            segments.Add(new FaultPatch((a.East + b.East) / 2, (a.North + b.North) / 2, topDepth, segmentStrike, dip,
                len, width, segmentRake, slip));
        }

        var mesh = options.TriangleMesh ? FaultMesh.Extrude(trace, segments, topDepth, strike, dip, width) : null;
        return new RoughFault(segments, trace, mechanism, surface, topDepth, dip, NormaliseAngle(rake), strike, traceLength,
            width, centreEast, centreNorth, bends, roughness, heterogeneity, mesh);
    }

    private static FaultMechanism PickMechanism(Random rng, (double StrikeSlip, double Normal, double Thrust, double Oblique) w)
    {
        double total = w.StrikeSlip + w.Normal + w.Thrust + w.Oblique;
        if (!(total > 0)) throw new ArgumentException("mechanism weights must have a positive sum");
        double u = rng.NextDouble() * total;
        if ((u -= w.StrikeSlip) < 0) return FaultMechanism.StrikeSlip;
        if ((u -= w.Normal) < 0) return FaultMechanism.Normal;
        if ((u -= w.Thrust) < 0) return FaultMechanism.Thrust;
        return FaultMechanism.Oblique;
    }

    private static double NormaliseAngle(double degrees)
    {
        double a = degrees % 360;
        if (a > 180) a -= 360;
        if (a <= -180) a += 360;
        return a;
    }

    internal static double Uniform(Random rng, double min, double max) => min + (max - min) * rng.NextDouble();
    internal static double Uniform(Random rng, (double Min, double Max) range) => Uniform(rng, range.Min, range.Max);
}
