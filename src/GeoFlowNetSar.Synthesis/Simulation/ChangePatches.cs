using GeoFlowNetSar.Synthesis.Geometry;
using GeoFlowNetSar.Synthesis.Speckle;

namespace GeoFlowNetSar.Synthesis.Simulation;

/// <summary>Random changed areas: 1–3 ellipses (aspect 1–3, random orientation on the ground) sharing a target area.</summary>
internal static class ChangePatches
{
    public static IReadOnlyList<ChangePatch> Random(Random rng, SceneFrame frame, double areaFraction)
    {
        int count = 1 + rng.Next(3);
        double g = frame.Geometry.GroundRangeSpacing, a = frame.Geometry.AzimuthSpacing;
        double areaEach = areaFraction * frame.GroundWidth * frame.GroundHeight / count; // m²
        var patches = new ChangePatch[count];
        for (int i = 0; i < count; i++)
        {
            double aspect = 1 + 2 * rng.NextDouble();
            double minor = Math.Sqrt(areaEach / (Math.PI * aspect)), major = minor * aspect;
            double cx = rng.NextDouble() * frame.Width, cy = rng.NextDouble() * frame.Height;
            double angle = rng.NextDouble() * Math.PI;
            // Reflectivity change: log-normal, e ^ N(0, 0.8).
            double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
            float factor = (float)Math.Exp(0.8 * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
            patches[i] = ChangePatch.FromMetres(cx, cy, major, minor, angle, g, a, factor);
        }
        return patches;
    }
}
