using GeoFlowNetSar.Synthesis.Dislocation;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Synthesis.Tests.Dislocation;

/// <summary>
/// A rectangle split into two triangles along a diagonal must give Okada's (1985) surface displacement: two
/// independent formulations (Okada's closed form; Nikkhoo &amp; Walter's angular dislocations + image + harmonic
/// correction) of the same elastic problem.
/// </summary>
public class TriangleVersusOkadaTests(ITestOutputHelper output)
{
    // Points exactly on a surface trace are on the dislocation line (NaN by design) and are the only ones left out;
    // the nearest points tested lie 1e-6 × length from the trace and from the corners where the diagonal surfaces.
    private const double ClosestToTrace = 1e-6;
    private const double Bar = 1e-6;

    private static readonly RectangleGeometry[] All =
    [
        new("vertical strike-slip, surface-breaking", 3, -2, 0, 30, 90, 20, 10, 0, 1, 0),
        new("vertical right-lateral, buried", 0, 0, 2, 0, 90, 12, 6, 180, 1, 0),
        new("45 deg thrust, buried", 1, 4, 2, 120, 45, 16, 8, 90, 1, 0),
        new("45 deg thrust, surface-breaking", 0, 0, 0, 0, 45, 16, 8, 90, 1, 0),
        new("15 deg normal, buried", -5, 2, 1, 250, 15, 12, 10, -90, 1, 0),
        new("15 deg normal, surface-breaking", 0, 0, 0, 330, 15, 12, 10, -90, 1, 0),
        new("30 deg oblique with opening, surface-breaking", 0, 0, 0, 200, 30, 10, 14, 40, 2, 0.5),
        new("60 deg tensile, buried", 2, 2, 3, 75, 60, 10, 6, 0, 0, 1),
        new("vertical dyke, surface-breaking", 0, 0, 0, 45, 90, 10, 5, 0, 0, 1),
        new("horizontal sill", 0, 0, 4, 0, 0, 6, 6, 0, 0, 1),
        new("80 deg oblique, nu 0.35", 0, 0, 0.5, 100, 80, 8, 8, -150, 1, 0.2) { PoissonRatio = 0.35 },
    ];

    public static TheoryData<string> Geometries => new(All.Select(g => g.Name));

    [Theory]
    [MemberData(nameof(Geometries))]
    public void TwoTriangles_GiveOkadasSurfaceDisplacement(string name)
    {
        var g = All.Single(x => x.Name == name);
        var patch = g.Patch();
        var triangles = g.Triangles();
        double worst = 0;
        int count = 0;
        foreach (var (e, n) in SurfacePoints(g))
        {
            var expected = patch.DisplacementAt(e, n);
            var actual = RectangleGeometry.Sum(triangles, e, n);
            double rel = Distance(actual, expected) / Norm(expected);
            Assert.False(double.IsNaN(rel), $"NaN at ({e}, {n})");
            worst = Math.Max(worst, rel);
            count++;
        }
        output.WriteLine($"{name}: {count} points, max relative error {worst:E2}");
        Assert.True(worst <= Bar, $"{name}: max relative error {worst:E2} over {count} points");
    }

    /// <summary>
    /// A 25 × 25 grid over ±2 fault sizes, plus for surface-breaking faults points 1e-6, 1e-4 and 1e-2 lengths
    /// either side of the trace (corners included) and on the trace's extension beyond both ends.
    /// </summary>
    private static IEnumerable<(double East, double North)> SurfacePoints(RectangleGeometry g)
    {
        double size = Math.Max(g.Length, g.Width);
        for (int i = -12; i <= 12; i++)
        for (int j = -12; j <= 12; j++)
            yield return (g.TopCentreEast + i * size / 6 + 0.013, g.TopCentreNorth + j * size / 6 + 0.007);
        if (g.TopDepth > 0) yield break;

        double phi = g.StrikeDegrees * Math.PI / 180;
        double se = Math.Sin(phi), sn = Math.Cos(phi), re = Math.Cos(phi), rn = -Math.Sin(phi);
        foreach (double along in new[] { -0.5, -0.37, 0, 0.21, 0.5 })
        foreach (double across in new[] { ClosestToTrace, 1e-4, 1e-2 })
        foreach (int side in new[] { -1, 1 })
        {
            double a = along * g.Length, c = side * across * g.Length;
            yield return (g.TopCentreEast + a * se + c * re, g.TopCentreNorth + a * sn + c * rn);
        }
        foreach (double along in new[] { -1.5, -0.5 - ClosestToTrace, 0.5 + ClosestToTrace, 0.6, 3 })
            yield return (g.TopCentreEast + along * g.Length * se, g.TopCentreNorth + along * g.Length * sn);
    }

    private static double Norm(EnuDisplacement u) => Math.Sqrt(u.East * u.East + u.North * u.North + u.Up * u.Up);

    private static double Distance(EnuDisplacement a, EnuDisplacement b) =>
        Norm(new EnuDisplacement(a.East - b.East, a.North - b.North, a.Up - b.Up));
}
