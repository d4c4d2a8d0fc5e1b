using GeoFlowNetSar.Synthesis.Dislocation;

namespace GeoFlowNetSar.Synthesis.Tests;

/// <summary>
/// Okada (1985) Table 2, "Check list for numerical calculations" (p. 1149), finite rectangular source, λ = μ (ν = 0.25),
/// unit slip, Okada's own frame. Values as transcribed in F. Beauducel's okada85 checklist (okada_checklist.m, IPGP,
/// 2011) and, identically, in the Julia port's test set (github.com/CyprienBosserelle/Tsunami.jl, Okada.jl, testOkada);
/// not computed here.
/// Case 4 is the paper's δ = −90° fault (Beauducel emulates it with d = 6, δ = 90°, rake 180° for U1);
/// this model takes δ = −90° directly.
/// </summary>
public class OkadaTable2Tests
{
    public static IEnumerable<object[]> Cases => new object[][]
    {
        // case, x, y, d, δ, L, W, component (1 strike, 2 dip, 3 tensile), ux, uy, uz
        Row("2", 2, 3, 4, 70, 3, 2, 1, -8.689e-3, -4.298e-3, -2.747e-3),
        Row("2", 2, 3, 4, 70, 3, 2, 2, -4.682e-3, -3.527e-2, -3.564e-2),
        Row("2", 2, 3, 4, 70, 3, 2, 3, -2.660e-4, +1.056e-2, +3.214e-3),
        Row("3", 0, 0, 4, 90, 3, 2, 1, 0, +5.253e-3, 0),
        Row("3", 0, 0, 4, 90, 3, 2, 2, 0, 0, 0),
        Row("3", 0, 0, 4, 90, 3, 2, 3, +1.223e-2, 0, -1.606e-2),
        Row("4", 0, 0, 4, -90, 3, 2, 1, 0, -1.303e-3, 0),
        Row("4", 0, 0, 4, -90, 3, 2, 2, 0, 0, 0),
        Row("4", 0, 0, 4, -90, 3, 2, 3, +3.507e-3, 0, -7.740e-3),
    };

    private static object[] Row(string caseName, double x, double y, double d, double dip, double length, double width,
        int component, double ux, double uy, double uz) => [caseName, x, y, d, dip, length, width, component, ux, uy, uz];

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPublishedCheckValuesToFourSignificantDigits(string caseName, double x, double y, double d,
        double dip, double length, double width, int component, double ux, double uy, double uz)
    {
        var fault = new OkadaRectangle(d, dip, length, width,
            component == 1 ? 1 : 0, component == 2 ? 1 : 0, component == 3 ? 1 : 0, poissonRatio: 0.25);

        var u = fault.DisplacementAt(x, y);

        AssertFourDigits(ux, u.Ux, $"case {caseName}/{component} ux");
        AssertFourDigits(uy, u.Uy, $"case {caseName}/{component} uy");
        AssertFourDigits(uz, u.Uz, $"case {caseName}/{component} uz");
    }

    /// <summary>Half a unit in the 4th significant digit of the published value; a published 0 must be 0 to round-off.</summary>
    private static void AssertFourDigits(double expected, double actual, string what)
    {
        double tolerance = expected == 0 ? 1e-12 : 0.5 * Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(expected))) - 3);
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{what}: expected {expected:E3}, got {actual:E6}");
    }
}
