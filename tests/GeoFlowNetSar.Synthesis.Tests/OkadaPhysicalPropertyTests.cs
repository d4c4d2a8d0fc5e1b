using GeoFlowNetSar.Synthesis.Dislocation;

namespace GeoFlowNetSar.Synthesis.Tests;

public class OkadaPhysicalPropertyTests
{
    // Vertical strike-slip fault breaking the surface: plane y = 0, 0 ≤ x ≤ L, depth 0..W.
    private const double L = 20, W = 10;
    private static readonly OkadaRectangle SurfaceStrikeSlip = new(depth: W, dipDegrees: 90, L, W, strikeSlip: 1, dipSlip: 0, opening: 0);

    [Theory]
    [InlineData(3.0, 2.0)]
    [InlineData(10.0, 0.5)]
    [InlineData(-4.0, 7.0)]
    [InlineData(25.0, 12.0)]
    public void VerticalStrikeSlipField_IsPointSymmetricAcrossThePlaneAndMirrorSymmetricAboutMidLength(double x, double y)
    {
        var u = SurfaceStrikeSlip.DisplacementAt(x, y);
        var across = SurfaceStrikeSlip.DisplacementAt(x, -y);
        var mirrored = SurfaceStrikeSlip.DisplacementAt(L - x, y);
        double tol = 1e-12 * (Math.Abs(u.Ux) + Math.Abs(u.Uy) + Math.Abs(u.Uz));

        // Reflection y → −y reverses the slip: horizontal field antisymmetric (ux, uz odd, uy even in y).
        Assert.Equal(-u.Ux, across.Ux, tol);
        Assert.Equal(u.Uy, across.Uy, tol);
        Assert.Equal(-u.Uz, across.Uz, tol);
        // Reflection x → L − x keeps the fault: ux even, uy and uz odd about mid-length.
        Assert.Equal(u.Ux, mirrored.Ux, tol);
        Assert.Equal(-u.Uy, mirrored.Uy, tol);
        Assert.Equal(-u.Uz, mirrored.Uz, tol);
    }

    [Fact]
    public void JumpAcrossSurfaceTraceAtMidLength_EqualsTheSlip_LeftLateralForPositiveU1()
    {
        const double offset = 1e-7 * W;
        var hangingWallSide = SurfaceStrikeSlip.DisplacementAt(L / 2, -offset); // fault dips toward −y
        var footWallSide = SurfaceStrikeSlip.DisplacementAt(L / 2, +offset);

        // U1 > 0 carries the −y block toward +x: standing on it, the +y block moves to the left.
        Assert.Equal(1.0, hangingWallSide.Ux - footWallSide.Ux, 1e-6);
        Assert.Equal(0.5, hangingWallSide.Ux, 1e-6);
        Assert.Equal(0.0, hangingWallSide.Uy - footWallSide.Uy, 1e-12);
        Assert.Equal(0.0, hangingWallSide.Uz - footWallSide.Uz, 1e-12);
    }

    [Theory]
    [InlineData(1.0, 0.0, 0.0)]
    [InlineData(0.0, 1.0, 0.0)]
    [InlineData(0.0, 0.0, 1.0)]
    public void FarField_DecaysAsInverseSquareOfDistance(double u1, double u2, double u3)
    {
        // Source of size 2, centroid depth ~5.3; the 1/r³ correction is ~ depth/r, so r = 500 is amply far.
        var fault = new OkadaRectangle(depth: 6, dipDegrees: 45, length: 2, width: 2, u1, u2, u3);
        foreach (double azimuth in new[] { 0.3, 1.9, 4.0 })
        {
            double r = 500, cx = 1, cy = Math.Sqrt(2) / 2; // (cx, cy): centroid's surface projection
            double near = Norm(fault.DisplacementAt(cx + r * Math.Cos(azimuth), cy + r * Math.Sin(azimuth)));
            double far = Norm(fault.DisplacementAt(cx + 2 * r * Math.Cos(azimuth), cy + 2 * r * Math.Sin(azimuth)));
            Assert.InRange(near / far, 4 * 0.95, 4 * 1.05);
        }
    }

    [Theory]
    [InlineData(1.0, 0.5)]
    [InlineData(0.3, 2.5)]
    [InlineData(4.0, 3.0)]
    public void HorizontalTensileCrack_RaisesASymmetricDome(double a, double b)
    {
        // Sill (δ = 0) at depth 2 spanning 0..4 × 0..4; centre (2, 2).
        var sill = new OkadaRectangle(depth: 2, dipDegrees: 0, length: 4, width: 4, 0, 0, opening: 1);
        var centre = sill.DisplacementAt(2, 2);
        var u = sill.DisplacementAt(2 + a, 2 + b);
        const double tol = 1e-12;

        Assert.True(centre.Uz > 0);
        Assert.True(u.Uz < centre.Uz);
        Assert.Equal(u.Uz, sill.DisplacementAt(2 - a, 2 + b).Uz, tol);
        Assert.Equal(u.Uz, sill.DisplacementAt(2 + a, 2 - b).Uz, tol);
        Assert.Equal(u.Uz, sill.DisplacementAt(2 - a, 2 - b).Uz, tol);
        // Horizontal motion points away from the centre.
        Assert.Equal(-u.Ux, sill.DisplacementAt(2 - a, 2 + b).Ux, tol);
        Assert.Equal(-u.Uy, sill.DisplacementAt(2 + a, 2 - b).Uy, tol);
        Assert.True(u.Ux > 0 && u.Uy > 0);
    }

    [Theory]
    [InlineData(1.5, 0.7)]
    [InlineData(6.0, 3.0)]
    public void VerticalTensileDike_IsSymmetricAcrossItsPlane(double x, double y)
    {
        var dike = new OkadaRectangle(depth: 5, dipDegrees: 90, length: 3, width: 4, 0, 0, opening: 1);
        var u = dike.DisplacementAt(x, y);
        var across = dike.DisplacementAt(x, -y);
        const double tol = 1e-12;

        Assert.Equal(u.Uz, across.Uz, tol);
        Assert.Equal(u.Ux, across.Ux, tol);
        Assert.Equal(-u.Uy, across.Uy, tol);
        Assert.True(u.Uy > 0); // flanks pushed apart
    }

    [Fact]
    public void ZeroSlip_GivesZeroDisplacement()
    {
        var fault = new OkadaRectangle(depth: 4, dipDegrees: 70, length: 3, width: 2, 0, 0, 0);
        foreach (var (x, y) in new[] { (2.0, 3.0), (0.0, 0.0), (-5.0, 1.0), (1.5, 0.684) })
            Assert.Equal(new OkadaDisplacement(0, 0, 0), fault.DisplacementAt(x, y));
    }

    [Fact]
    public void NearVerticalDip_ConvergesLinearlyToTheVerticalBranch()
    {
        // Eq. 28 near cos δ = 0 must approach eq. 29 (δ = 90°) as O(cos δ), not drift with 1/cos² δ round-off.
        var vertical = new OkadaRectangle(4, 90, 3, 2, 1, 1, 1).DisplacementAt(2, 3);
        double Gap(double dip)
        {
            var u = new OkadaRectangle(4, dip, 3, 2, 1, 1, 1).DisplacementAt(2, 3);
            return Norm(new OkadaDisplacement(u.Ux - vertical.Ux, u.Uy - vertical.Uy, u.Uz - vertical.Uz));
        }
        double cos3 = Math.Cos(89.999 * Math.PI / 180), cos4 = Math.Cos(89.9999 * Math.PI / 180);
        double gap3 = Gap(89.999), gap4 = Gap(89.9999);

        Assert.True(gap3 < cos3, $"|Δu| = {gap3:E2} at cos δ = {cos3:E2}");
        Assert.InRange(gap4 / gap3, 0.99 * cos4 / cos3, 1.01 * cos4 / cos3);
    }

    [Fact]
    public void Displacement_IsAffineInMuOverLambdaPlusMu()
    {
        // Eqs. 25–29 are linear in the I terms, which are proportional to μ/(λ+μ) = 1 − 2ν:
        // ν = 0.25 (α = 0.5) is the mean of ν = 0.1 (α = 0.8) and ν = 0.4 (α = 0.2).
        OkadaDisplacement At(double nu) => new OkadaRectangle(4, 70, 3, 2, 0.3, -0.7, 0.5, nu).DisplacementAt(2, 3);
        OkadaDisplacement a = At(0.1), b = At(0.25), c = At(0.4);

        Assert.Equal(b.Ux, (a.Ux + c.Ux) / 2, 1e-14);
        Assert.Equal(b.Uy, (a.Uy + c.Uy) / 2, 1e-14);
        Assert.Equal(b.Uz, (a.Uz + c.Uz) / 2, 1e-14);
        Assert.NotEqual(a.Uz, c.Uz, 1e-6);
    }

    private static double Norm(OkadaDisplacement u) => Math.Sqrt(u.Ux * u.Ux + u.Uy * u.Uy + u.Uz * u.Uz);
}
