using GeoFlowNetSar.Synthesis.Dislocation;

namespace GeoFlowNetSar.Synthesis.Tests;

/// <summary>
/// Geographic conventions asserted here: strike clockwise from North, dip to the right of strike, rake counter-clockwise
/// from strike giving hanging-wall motion (0° left-lateral, 90° reverse, 180° right-lateral, −90° normal); output East, North, Up.
/// </summary>
public class FaultPatchOrientationTests
{
    private const double Tiny = 1e-3; // 1 mm off a 20 km fault's trace

    [Fact]
    public void NorthStrikingVerticalRightLateralFault_MovesEastSideSouthAndWestSideNorth()
    {
        var fault = new FaultPatch(0, 0, topDepth: 0, strikeDegrees: 0, dipDegrees: 90, length: 20_000, width: 10_000,
            rakeDegrees: 180, slip: 1);

        var east = fault.DisplacementAt(+Tiny, 0);
        var west = fault.DisplacementAt(-Tiny, 0);

        Assert.Equal(-0.5, east.North, 1e-6);
        Assert.Equal(+0.5, west.North, 1e-6);
        Assert.Equal(0, east.East, 1e-12);
        Assert.Equal(0, east.Up, 1e-12);
        Assert.True(fault.DisplacementAt(3_000, 2_000).North < 0);
        Assert.True(fault.DisplacementAt(-3_000, 2_000).North > 0);
    }

    [Fact]
    public void EastStrikingVerticalLeftLateralFault_MovesNorthSideWest()
    {
        var fault = new FaultPatch(0, 0, 0, strikeDegrees: 90, dipDegrees: 90, 20_000, 10_000, rakeDegrees: 0, slip: 2);

        Assert.Equal(-1.0, fault.DisplacementAt(0, +Tiny).East, 1e-6);
        Assert.Equal(+1.0, fault.DisplacementAt(0, -Tiny).East, 1e-6);
    }

    [Fact]
    public void EastDippingThrust_UpliftsAndPushesTheHangingWallWestward_NormalFaultIsTheMirror()
    {
        // Strike 0° dips east; the fault's surface projection spans East 0 … W cos 30° ≈ 8.7 km.
        var thrust = new FaultPatch(0, 0, topDepth: 1_000, 0, dipDegrees: 30, 20_000, 10_000, rakeDegrees: 90, slip: 1);
        var normal = new FaultPatch(0, 0, topDepth: 1_000, 0, dipDegrees: 30, 20_000, 10_000, rakeDegrees: -90, slip: 1);

        var aboveThrust = thrust.DisplacementAt(4_330, 0);
        var aboveNormal = normal.DisplacementAt(4_330, 0);

        Assert.True(aboveThrust.Up > 0.1);
        Assert.True(aboveThrust.East < -0.1);
        Assert.Equal(0, aboveThrust.North, 1e-12); // mid-length: no along-strike motion
        Assert.Equal(-aboveThrust.Up, aboveNormal.Up, 1e-12);
        Assert.Equal(-aboveThrust.East, aboveNormal.East, 1e-12);
    }

    [Theory]
    [InlineData(0.0, 1.0, 0.0, 1.0, 0.0)]
    [InlineData(90.0, 1.0, 0.0, 0.0, 1.0)]
    [InlineData(0.0, 0.0, 1.0, 0.0, 0.0)]
    public void StrikeNinety_ReproducesOkadaTable2Case2InGeographicAxes(double rake, double slip, double opening, double u1, double u2)
    {
        // Okada point (2, 3), d = 4 at the lower edge, δ = 70°, L = 3, W = 2; with strike 90° x = East, y = North.
        double cosDip = Math.Cos(70 * Math.PI / 180), sinDip = Math.Sin(70 * Math.PI / 180);
        var patch = new FaultPatch(0, 0, topDepth: 4 - 2 * sinDip, strikeDegrees: 90, dipDegrees: 70, length: 3, width: 2,
            rake, slip, opening);
        var okada = new OkadaRectangle(4, 70, 3, 2, u1, u2, opening);

        var u = patch.DisplacementAt(2 - 1.5, 3 - 2 * cosDip);
        var expected = okada.DisplacementAt(2, 3);

        Assert.Equal(expected.Ux, u.East, 1e-14);
        Assert.Equal(expected.Uy, u.North, 1e-14);
        Assert.Equal(expected.Uz, u.Up, 1e-14);
    }

    [Theory]
    [InlineData(37.0)]
    [InlineData(145.0)]
    [InlineData(-110.0)]
    public void RotatingFaultAndObserverTogether_RotatesTheHorizontalDisplacement(double theta)
    {
        var reference = new FaultPatch(100, -200, 500, strikeDegrees: 0, 60, 8_000, 4_000, rakeDegrees: 30, slip: 1.5, opening: 0.2);
        var rotated = new FaultPatch(100, -200, 500, strikeDegrees: theta, 60, 8_000, 4_000, rakeDegrees: 30, slip: 1.5, opening: 0.2);
        double s = Math.Sin(theta * Math.PI / 180), c = Math.Cos(theta * Math.PI / 180);
        // Clockwise rotation by θ in (East, North), about the shared top centre.
        (double E, double N) Rotate(double e, double n) => (e * c + n * s, -e * s + n * c);

        foreach (var (e, n) in new[] { (3_000.0, 1_000.0), (-2_500.0, 6_000.0), (700.0, -9_000.0) })
        {
            var u = reference.DisplacementAt(100 + e, -200 + n);
            var (re, rn) = Rotate(e, n);
            var v = rotated.DisplacementAt(100 + re, -200 + rn);
            var (ue, un) = Rotate(u.East, u.North);
            Assert.Equal(ue, v.East, 1e-12);
            Assert.Equal(un, v.North, 1e-12);
            Assert.Equal(u.Up, v.Up, 1e-12);
        }
    }

    [Fact]
    public void TopStartCorner_IsHalfALengthBackAlongStrikeFromTopCentre()
    {
        var byCentre = new FaultPatch(1_000, 2_000, 300, strikeDegrees: 30, 45, 6_000, 3_000, 60, 1);
        var byCorner = FaultPatch.FromTopStartCorner(1_000 - 3_000 * Math.Sin(Math.PI / 6), 2_000 - 3_000 * Math.Cos(Math.PI / 6),
            300, strikeDegrees: 30, 45, 6_000, 3_000, 60, 1);

        Assert.Equal(byCentre.TopCentreEast, byCorner.TopCentreEast, 1e-9);
        Assert.Equal(byCentre.TopCentreNorth, byCorner.TopCentreNorth, 1e-9);
        var a = byCentre.DisplacementAt(4_000, -1_000);
        var b = byCorner.DisplacementAt(4_000, -1_000);
        Assert.Equal(a.East, b.East, 1e-12);
        Assert.Equal(a.North, b.North, 1e-12);
        Assert.Equal(a.Up, b.Up, 1e-12);
    }
}
