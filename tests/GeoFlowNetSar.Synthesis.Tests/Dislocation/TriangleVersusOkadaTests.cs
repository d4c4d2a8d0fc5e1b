using GeoFlowNetSar.Synthesis.Dislocation;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Synthesis.Tests.Dislocation;

public class TriangleVersusOkadaTests(ITestOutputHelper output)
{
    public static TheoryData<string> Geometries => new(Cases.Keys);

    private static readonly Dictionary<string, RectangleGeometry> Cases = new[]
    {
        new RectangleGeometry("vertical strike-slip, surface-breaking", 3, -2, 0, 30, 90, 20, 10, 0, 1, 0),
        new RectangleGeometry("vertical right-lateral, buried", 0, 0, 2, 0, 90, 12, 6, 180, 1, 0),
        new RectangleGeometry("45 deg thrust, buried", 1, 4, 2, 120, 45, 16, 8, 90, 1, 0),
        new RectangleGeometry("45 deg thrust, surface-breaking", 0, 0, 0, 0, 45, 16, 8, 90, 1, 0),
        new RectangleGeometry("15 deg normal, buried", -5, 2, 1, 250, 15, 12, 10, -90, 1, 0),
        new RectangleGeometry("30 deg oblique, surface-breaking", 0, 0, 0, 200, 30, 10, 14, 40, 2, 0),
        new RectangleGeometry("60 deg tensile, buried", 2, 2, 3, 75, 60, 10, 6, 0, 0, 1),
        new RectangleGeometry("vertical dyke, buried", 0, 0, 1, 45, 90, 10, 5, 0, 0, 1),
        new RectangleGeometry("horizontal sill", 0, 0, 4, 0, 0, 6, 6, 0, 0, 1),
    }.ToDictionary(g => g.Name);

    [Theory]
    [MemberData(nameof(Geometries))]
    public void TwoTriangles_MatchOkadaAtTheSurface(string name)
    {
        var g = Cases[name];
        var patch = g.Patch();
        var triangles = g.Triangles();
        double size = Math.Max(g.Length, g.Width), worst = 0;
        int n = 0;
        for (int i = -20; i <= 20; i++)
        for (int j = -20; j <= 20; j++)
        {
            double e = g.TopCentreEast + 0.1 * i * size + 0.013, nn = g.TopCentreNorth + 0.1 * j * size + 0.007;
            if (g.TopDepth == 0 && g.DistanceToTopEdge(e, nn) < 0.01 * size) continue;
            var expected = patch.DisplacementAt(e, nn);
            var actual = RectangleGeometry.Sum(triangles, e, nn);
            double err = Math.Sqrt(Math.Pow(actual.East - expected.East, 2) + Math.Pow(actual.North - expected.North, 2) + Math.Pow(actual.Up - expected.Up, 2));
            double norm = Math.Sqrt(expected.East * expected.East + expected.North * expected.North + expected.Up * expected.Up);
            double rel = err / norm;
            if (!(rel <= worst)) { worst = rel; output.WriteLine($"{e:F3} {nn:F3} rel {rel:E2} exp {expected} act {actual}"); }
            n++;
        }
        output.WriteLine($"{name}: {n} points, max relative error {worst:E2}");
        Assert.True(worst <= 1e-6, $"max relative error {worst:E2}");
    }
}
