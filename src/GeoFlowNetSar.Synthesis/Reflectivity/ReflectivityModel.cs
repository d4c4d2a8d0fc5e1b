using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Geometry;
using GeoFlowNetSar.Synthesis.Speckle;

namespace GeoFlowNetSar.Synthesis.Reflectivity;

/// <summary>
/// The scene's mean backscatter σ (linear, ≈ 1 on average): σ = exp(ℓ) with the log-reflectivity
/// ℓ = c_t·terrain + c_f·fields + Σ lines — so σ is log-normal with structure at every scale — plus point
/// targets, which are not part of σ but deterministic impulses added to the complex field
/// (<see cref="SpecklePairSynthesizer"/>). Everything is a function of global pixel coordinates, so any region
/// renders identically on its own.
/// </summary>
public sealed record ReflectivityModel(
    FractalTerrain Terrain,
    float TerrainContrast,
    VoronoiPatches? Fields,
    float FieldContrast,
    IReadOnlyList<LineFeature> Lines,
    IReadOnlyList<PointScatterer> Points,
    double ColumnSpacing,
    double RowSpacing)
{
    /// <summary>σ over <paramref name="region"/> (row-major, region.Width wide).</summary>
    public void Render(PixelRect region, Span<float> sigma)
    {
        var s = sigma.Slice(0, (int)region.Area);
        s.Clear();
        if (TerrainContrast != 0) Terrain.Add(region, ColumnSpacing, RowSpacing, TerrainContrast, s);
        if (Fields is not null && FieldContrast != 0) Fields.Add(region, ColumnSpacing, RowSpacing, FieldContrast, s);
        foreach (var line in Lines) line.Add(region, ColumnSpacing, RowSpacing, s);
        for (int i = 0; i < s.Length; i++) s[i] = MathF.Exp(s[i]);
    }

    /// <summary>σ ≡ 1, no targets: the homogeneous scene for speckle statistics.</summary>
    public static ReflectivityModel Homogeneous(double columnSpacing, double rowSpacing) =>
        new(new FractalTerrain(0, 1000, 0.5), 0, null, 0, [], [], columnSpacing, rowSpacing);

    /// <summary>A random structured scene for <paramref name="frame"/>.</summary>
    public static ReflectivityModel Random(Random rng, SceneFrame frame, ulong key)
    {
        double g = frame.Geometry.GroundRangeSpacing, a = frame.Geometry.AzimuthSpacing;
        double extent = frame.Extent;
        var terrain = new FractalTerrain(PixelHash.Derive(key, 1), extent * Uniform(rng, 0.2, 1.0), Uniform(rng, 0.3, 0.9));
        float terrainContrast = (float)Uniform(rng, 0.3, 1.0);

        VoronoiPatches? fields = null;
        float fieldContrast = 0;
        if (rng.NextDouble() < 0.6)
        {
            fields = new VoronoiPatches(PixelHash.Derive(key, 2), Uniform(rng, 80, 400), Uniform(rng, 0, 0.15));
            fieldContrast = (float)Uniform(rng, 0.3, 1.0);
        }

        var lines = new List<LineFeature>();
        int roads = rng.Next(4);
        for (int i = 0; i < roads; i++)
            lines.Add(RandomLine(rng, frame, turnDegrees: 12, width: Uniform(rng, 5, 20),
                contrast: (rng.NextDouble() < 0.5 ? 1 : -1) * Uniform(rng, 0.8, 2.0)));
        if (rng.NextDouble() < 0.3)
            lines.Add(RandomLine(rng, frame, turnDegrees: 35, width: Uniform(rng, 15, 80), contrast: -Uniform(rng, 1.5, 3.0)));

        var points = new List<PointScatterer>();
        double areaKm2 = frame.GroundWidth * frame.GroundHeight / 1e6;
        int count = Poisson(rng, Uniform(rng, 0, 8) * areaKm2);
        for (int i = 0; i < count; i++)
        {
            int x = rng.Next(frame.Width), y = rng.Next(frame.Height);
            float intensity = (float)Math.Pow(10, Uniform(rng, 10, 30) / 10);
            points.Add(new PointScatterer(x, y, intensity, (float)Uniform(rng, 0, 2 * Math.PI)));
            if (rng.NextDouble() < 0.3)
            {
                int extra = 1 + rng.Next(3);
                for (int k = 0; k < extra; k++)
                    points.Add(new PointScatterer(x + rng.Next(-1, 2), y + rng.Next(-1, 2),
                        intensity * (float)Uniform(rng, 0.2, 1.0), (float)Uniform(rng, 0, 2 * Math.PI)));
            }
        }
        return new ReflectivityModel(terrain, terrainContrast, fields, fieldContrast, lines, points, g, a);
    }

    private static LineFeature RandomLine(Random rng, SceneFrame frame, double turnDegrees, double width, double contrast)
    {
        double gw = frame.GroundWidth, gh = frame.GroundHeight;
        // Through a random point of the image, walking both ways with a random-walk heading.
        double x = rng.NextDouble() * gw, y = rng.NextDouble() * gh;
        double heading = rng.NextDouble() * 2 * Math.PI;
        int legs = 3 + rng.Next(3);
        double leg = 0.75 * frame.Extent / legs;
        var forward = Walk(rng, x, y, heading, leg, legs, turnDegrees);
        var backward = Walk(rng, x, y, heading + Math.PI, leg, legs, turnDegrees);
        backward.Reverse();
        backward.AddRange(forward.Skip(1));
        return new LineFeature(backward, width, (float)contrast);
    }

    private static List<(double X, double Y)> Walk(Random rng, double x, double y, double heading, double leg, int legs, double turnDegrees)
    {
        var points = new List<(double X, double Y)> { (x, y) };
        for (int i = 0; i < legs; i++)
        {
            heading += (rng.NextDouble() * 2 - 1) * turnDegrees * Math.PI / 180;
            x += leg * Math.Cos(heading);
            y += leg * Math.Sin(heading);
            points.Add((x, y));
        }
        return points;
    }

    private static int Poisson(Random rng, double mean)
    {
        if (mean > 50) // normal approximation (Knuth's product underflows for large means)
        {
            double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
            double z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * z));
        }
        // Knuth's product method.
        double limit = Math.Exp(-mean), p = 1;
        int k = 0;
        while ((p *= rng.NextDouble()) > limit && k < 10_000) k++;
        return k;
    }

    private static double Uniform(Random rng, double min, double max) => min + (max - min) * rng.NextDouble();
}
