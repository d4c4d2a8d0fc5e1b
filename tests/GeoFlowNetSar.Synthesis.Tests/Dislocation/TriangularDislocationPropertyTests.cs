using GeoFlowNetSar.Synthesis.Dislocation;

namespace GeoFlowNetSar.Synthesis.Tests.Dislocation;

public class TriangularDislocationPropertyTests
{
    // A vertical triangle in the plane North = 0, breaking the surface along East ∈ [0, 10]. Vertex order makes the
    // normal (P2 − P1) × (P3 − P1) point to −North, so strike is ẑ × (−N̂) = East and the hanging wall is South.
    private static readonly FaultVertex A = new(0, 0, 0), B = new(10, 0, 0), C = new(4, 0, 7);

    private static TriangularDislocation Vertical(double strikeSlip, double dipSlip, double opening = 0) =>
        new(A, C, B, strikeSlip, dipSlip, opening);

    [Fact]
    public void VerticalTriangle_HasTheStrikeTheVertexOrderImplies()
    {
        var t = Vertical(1, 0);
        Assert.Equal(90.0, t.StrikeDegrees, 1e-9);
        Assert.Equal(90.0, t.DipDegrees, 1e-9);
    }

    [Theory]
    [InlineData(3.0, 2.0)]
    [InlineData(-4.0, 0.5)]
    [InlineData(12.0, 6.0)]
    [InlineData(5.0, 30.0)]
    public void VerticalStrikeSlip_IsAntisymmetricAcrossThePlane(double east, double north)
    {
        var t = Vertical(strikeSlip: 1, dipSlip: 0);
        var u = t.DisplacementAt(east, north);
        var mirrored = t.DisplacementAt(east, -north);
        double tol = 1e-13 * (Math.Abs(u.East) + Math.Abs(u.North) + Math.Abs(u.Up));

        // Reflection North → −North swaps the walls, i.e. reverses the slip: East and Up odd, North even.
        Assert.Equal(-u.East, mirrored.East, tol);
        Assert.Equal(u.North, mirrored.North, tol);
        Assert.Equal(-u.Up, mirrored.Up, tol);
        Assert.True(Math.Abs(u.East) > 1e-4, "the test point must see a non-trivial field");
    }

    [Theory]
    [InlineData(1.0, 0.0, 0.0)]
    [InlineData(0.0, 1.0, 0.0)]
    [InlineData(0.0, 0.0, 1.0)]
    [InlineData(0.6, -0.8, 0.3)]
    public void JumpAcrossTheSurfaceTrace_EqualsTheSlipVector_WithFaultPatchSigns(double strikeSlip, double dipSlip, double opening)
    {
        var t = Vertical(strikeSlip, dipSlip, opening);
        const double eps = 1e-7;
        var hangingWall = t.DisplacementAt(4, -eps); // normal points South
        var footWall = t.DisplacementAt(4, eps);

        // Hanging wall minus foot wall = strike-slip·ŝ + dip-slip·(up-dip) + opening·n̂, ŝ = East, n̂ = −North.
        Assert.Equal(strikeSlip, hangingWall.East - footWall.East, 1e-6);
        Assert.Equal(dipSlip, hangingWall.Up - footWall.Up, 1e-6);
        Assert.Equal(-opening, hangingWall.North - footWall.North, 1e-6);
    }

    [Theory]
    [InlineData(2.0, 3.0)]
    [InlineData(7.0, -1.0)]
    [InlineData(15.0, 9.0)]
    [InlineData(0.5, -20.0)]
    public void DipSlipOnASymmetricTriangle_IsMirrorSymmetricAlongStrike(double along, double across)
    {
        // Isosceles triangle dipping 40° to the East under strike North, symmetric about North = 0.
        double cos = Math.Cos(40 * Math.PI / 180), sin = Math.Sin(40 * Math.PI / 180);
        var t = new TriangularDislocation(new(0, -6, 1), new(0, 6, 1), new(9 * cos, 0, 1 + 9 * sin), strikeSlip: 0, dipSlip: 1);
        var u = t.DisplacementAt(across, along);
        var mirrored = t.DisplacementAt(across, -along);
        double tol = 1e-13 * (Math.Abs(u.East) + Math.Abs(u.North) + Math.Abs(u.Up));

        Assert.Equal(u.East, mirrored.East, tol);
        Assert.Equal(-u.North, mirrored.North, tol);
        Assert.Equal(u.Up, mirrored.Up, tol);
        Assert.Equal(0.0, t.StrikeDegrees, 1e-9);
        Assert.Equal(40.0, t.DipDegrees, 1e-9);
    }

    [Fact]
    public void VertexOrder_DoesNotMatterForADippingTriangle()
    {
        FaultVertex p = new(1, 2, 3), q = new(8, -1, 5), r = new(3, 6, 9);
        var forward = new TriangularDislocation(p, q, r, 0.7, -0.4, 0.2);
        var backward = new TriangularDislocation(p, r, q, 0.7, -0.4, 0.2);
        foreach (var (e, n) in new[] { (0.0, 0.0), (10.0, -7.0), (4.0, 4.0), (-20.0, 15.0) })
        {
            var a = forward.DisplacementAt(e, n);
            var b = backward.DisplacementAt(e, n);
            Assert.Equal(a.East, b.East, 1e-14);
            Assert.Equal(a.North, b.North, 1e-14);
            Assert.Equal(a.Up, b.Up, 1e-14);
        }
    }

    [Theory]
    [InlineData(1.0, 0.0, 0.0)]
    [InlineData(0.0, 1.0, 0.0)]
    [InlineData(0.0, 0.0, 1.0)]
    public void FarField_DecaysAsInverseSquareOfDistance(double strikeSlip, double dipSlip, double opening)
    {
        // Size ~2 at depth ~5; at r = 500 the next-order correction is ~ depth/r.
        var t = new TriangularDislocation(new(-1, 0, 5), new(1, 0.3, 5.5), new(0, 1.5, 6.2), strikeSlip, dipSlip, opening);
        foreach (double azimuth in new[] { 0.3, 1.9, 4.0 })
        {
            double r = 500, ce = Math.Cos(azimuth), cn = Math.Sin(azimuth);
            double near = Norm(t.DisplacementAt(r * ce, r * cn));
            double far = Norm(t.DisplacementAt(2 * r * ce, 2 * r * cn));
            Assert.InRange(near / far, 4 * 0.97, 4 * 1.03);
            Assert.True(near < 1e-5, $"|u| = {near} at 500 source sizes");
        }
    }

    [Fact]
    public void ZeroSlip_GivesExactlyZeroEverywhereOffTheEdges()
    {
        var t = new TriangularDislocation(new(0, 0, 0), new(5, 1, 4), new(-2, 6, 3), 0, 0, 0);
        for (int i = -5; i <= 5; i++)
        for (int j = -5; j <= 5; j++)
        {
            var u = t.DisplacementAt(1.7 * i + 0.1, 1.3 * j + 0.2);
            Assert.Equal(0.0, u.East);
            Assert.Equal(0.0, u.North);
            Assert.Equal(0.0, u.Up);
        }
    }

    [Fact]
    public void Displacement_IsLinearInTheSlipComponents()
    {
        FaultVertex p = new(0, 0, 1), q = new(6, 2, 3), r = new(1, 5, 6);
        var parts = new[]
        {
            new TriangularDislocation(p, q, r, 0.3, 0, 0), new TriangularDislocation(p, q, r, 0, -1.1, 0),
            new TriangularDislocation(p, q, r, 0, 0, 0.45),
        };
        var whole = new TriangularDislocation(p, q, r, 0.3, -1.1, 0.45);
        foreach (var (e, n, d) in new[] { (2.0, 2.0, 0.0), (-3.0, 8.0, 0.0), (3.0, 3.0, 2.5), (10.0, -4.0, 7.0) })
        {
            var u = whole.DisplacementAt(e, n, d);
            var sum = parts.Select(t => t.DisplacementAt(e, n, d)).Aggregate((a, b) => new(a.East + b.East, a.North + b.North, a.Up + b.Up));
            Assert.Equal(u.East, sum.East, 1e-14);
            Assert.Equal(u.North, sum.North, 1e-14);
            Assert.Equal(u.Up, sum.Up, 1e-14);
        }
    }

    [Fact]
    public void OnASide_TheResultIsNaN_AndJustOffItFinite()
    {
        var t = new TriangularDislocation(new(0, 0, 0), new(6, 0, 0), new(3, 2, 4), 1, 0.5, 0.2);
        var onTrace = t.DisplacementAt(2, 0);
        Assert.True(double.IsNaN(onTrace.East) && double.IsNaN(onTrace.North) && double.IsNaN(onTrace.Up));
        var atVertex = t.DisplacementAt(0, 0);
        Assert.True(double.IsNaN(atVertex.East));
        var buriedSide = t.DisplacementAt(1.5, 1, 2); // midpoint of the side (0,0,0)–(3,2,4)
        Assert.True(double.IsNaN(buriedSide.Up));

        var near = t.DisplacementAt(2, 1e-6);
        Assert.True(double.IsFinite(near.East) && double.IsFinite(near.North) && double.IsFinite(near.Up));
        Assert.InRange(Norm(near), 1e-3, 10);
    }

    [Theory]
    [InlineData(-3.0)]
    [InlineData(9.0)]
    [InlineData(25.0)]
    public void OnTheExtensionOfASide_TheFieldIsContinuous_NoArtefact(double east)
    {
        // The surface trace runs along East ∈ [0, 6]; its extension is in the triangle's plane and on the line of a
        // side: a single angular-dislocation configuration is singular there, Nikkhoo & Walter's choice is not.
        var t = new TriangularDislocation(new(0, 0, 0), new(6, 0, 0), new(3, 2, 4), 1, 0.5, 0.2);
        var on = t.DisplacementAt(east, 0);
        var north = t.DisplacementAt(east, 1e-7);
        var south = t.DisplacementAt(east, -1e-7);
        double scale = Norm(on);
        Assert.True(scale > 1e-4);
        Assert.True(Distance(on, north) < 1e-6 * scale, $"{on} vs {north}");
        Assert.True(Distance(on, south) < 1e-6 * scale, $"{on} vs {south}");
    }

    [Fact]
    public void FullSpace_JumpAcrossTheInterior_IsTheBurgersVector_AndOnThePlaneTheMeanOfBothFaces()
    {
        // Horizontal triangle: normal up, strike North, up-dip West (dip direction East).
        var t = new TriangularDislocation(new(0, 0, 2), new(4, 0, 2), new(0, 4, 2), strikeSlip: 0.5, dipSlip: 0.8, opening: 0.3);
        const double eps = 1e-8;
        var above = t.FullSpaceDisplacementAt(1, 1, -2 + eps);
        var below = t.FullSpaceDisplacementAt(1, 1, -2 - eps);
        var on = t.FullSpaceDisplacementAt(1, 1, -2);

        Assert.Equal(-0.8, above.East - below.East, 1e-6);  // reverse dip-slip: hanging wall (above) moves up-dip = West
        Assert.Equal(0.5, above.North - below.North, 1e-6); // left-lateral: hanging wall moves along strike = North
        Assert.Equal(0.3, above.Up - below.Up, 1e-6);       // opening along the normal
        Assert.Equal(0.5 * (above.East + below.East), on.East, 1e-6);
        Assert.Equal(0.5 * (above.North + below.North), on.North, 1e-6);
        Assert.Equal(0.5 * (above.Up + below.Up), on.Up, 1e-6);
    }

    [Fact]
    public void HalfSpace_AtDepth_JumpsByTheSlipAcrossTheTriangle_AndMeetsTheSurfaceContinuously()
    {
        // 30°-dipping triangle, strike North; evaluate just above and below its centroid.
        double cos = Math.Cos(Math.PI / 6), sin = Math.Sin(Math.PI / 6);
        FaultVertex p = new(0, -3, 1), q = new(0, 3, 1), r = new(6 * cos, 0, 1 + 6 * sin);
        var t = new TriangularDislocation(p, q, r, strikeSlip: 1, dipSlip: 0, opening: 0);
        double ce = (p.East + q.East + r.East) / 3, cd = (p.Depth + q.Depth + r.Depth) / 3;
        const double eps = 1e-8;
        // Upward normal (sin 30°, 0, cos 30°) in (East, North, Up): above = hanging wall.
        var hanging = t.DisplacementAt(ce + eps * sin, 0.2, cd - eps * cos);
        var foot = t.DisplacementAt(ce - eps * sin, 0.2, cd + eps * cos);
        Assert.Equal(1.0, hanging.North - foot.North, 1e-6);
        Assert.Equal(0.0, hanging.East - foot.East, 1e-6);
        Assert.Equal(0.0, hanging.Up - foot.Up, 1e-6);

        var surface = t.DisplacementAt(8, 5);
        var justBelow = t.DisplacementAt(8, 5, 1e-9);
        Assert.True(Distance(surface, justBelow) < 1e-9 * Norm(surface));
    }

    [Fact]
    public void InvalidInput_IsRejectedWithAClearMessage()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TriangularDislocation(new(0, 0, -1), new(1, 0, 1), new(0, 1, 1), 1, 0));
        Assert.Throws<ArgumentException>(() => new TriangularDislocation(new(0, 0, 1), new(1, 1, 2), new(2, 2, 3), 1, 0));
        Assert.Throws<ArgumentException>(() => new TriangularDislocation(new(0, 0, 0), new(1, 0, 0), new(0, 1, 0), 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TriangularDislocation(new(0, 0, 1), new(1, 0, 1), new(0, 1, 2), 1, 0, 0, 0.5));
    }

    private static double Norm(EnuDisplacement u) => Math.Sqrt(u.East * u.East + u.North * u.North + u.Up * u.Up);

    private static double Distance(EnuDisplacement a, EnuDisplacement b) =>
        Norm(new EnuDisplacement(a.East - b.East, a.North - b.North, a.Up - b.Up));
}
