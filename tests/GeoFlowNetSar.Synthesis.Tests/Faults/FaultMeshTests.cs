using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Dislocation;
using GeoFlowNetSar.Synthesis.Faults;
using GeoFlowNetSar.Synthesis.Geometry;
using GeoFlowNetSar.Synthesis.Simulation;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Synthesis.Tests.Faults;

public class FaultMeshTests(ITestOutputHelper output)
{
    private static readonly SceneFrame Frame = new(256, 256, new SarGeometry(-10, 38, 2.33, 13.9));

    private static RoughFault Draw(ulong seed, RoughFaultOptions options) =>
        RoughFaultGenerator.Generate(new SeededRandom(seed), Frame, options);

    [Theory]
    [InlineData(1UL, 1.0)]
    [InlineData(2UL, 1.0)]
    [InlineData(3UL, 0.0)]
    [InlineData(4UL, 0.0)]
    public void StraightFault_MeshGivesTheRectanglesDisplacement(ulong seed, double surfaceFraction)
    {
        var fault = Draw(seed, new RoughFaultOptions
        {
            MaxBends = 0, Roughness = (0, 0), TriangleMesh = true, SurfaceRuptureFraction = surfaceFraction,
        });
        Assert.NotNull(fault.Mesh);
        Assert.Equal(2 * fault.Segments.Count, fault.Mesh.Count);
        double worst = 0;
        for (int i = 0; i < 15; i++)
        for (int j = 0; j < 15; j++)
        {
            var (e, n) = Frame.ToGround(i * 17.3 + 3.1, j * 17.9 + 2.3);
            var rectangles = Sum(fault.Segments, e, n);
            var triangles = Sum(fault.Mesh, e, n);
            worst = Math.Max(worst, Distance(rectangles, triangles) / Norm(rectangles));
        }
        output.WriteLine($"{fault.Mechanism}, surface={fault.SurfaceRupture}, {fault.Segments.Count} segments: max relative difference {worst:E2}");
        Assert.True(worst <= 1e-6, $"max relative difference {worst:E2}");
    }

    [Fact]
    public void BentFault_MeshIsContinuousAndKeepsTheDraws()
    {
        for (ulong seed = 0; seed < 40; seed++)
        {
            var plain = Draw(seed, new RoughFaultOptions());
            var fault = Draw(seed, new RoughFaultOptions { TriangleMesh = true });
            Assert.Null(plain.Mesh);
            Assert.Equal(plain.Trace, fault.Trace);
            Assert.Equal(plain.Segments.Select(s => (s.Slip, s.RakeDegrees)), fault.Segments.Select(s => (s.Slip, s.RakeDegrees)));

            var mesh = fault.Mesh!;
            for (int i = 0; i < fault.Segments.Count; i++)
            {
                var upper = mesh[2 * i].Vertices;
                var lower = mesh[2 * i + 1].Vertices;
                // Upper (top0, bottom1, top1) and lower (top0, bottom0, bottom1) share the diagonal.
                Assert.Equal(upper[0], lower[0]);
                Assert.Equal(upper[1], lower[2]);
                Assert.Equal(new TracePoint(upper[0].East, upper[0].North), fault.Trace[i]);
                Assert.Equal(new TracePoint(upper[2].East, upper[2].North), fault.Trace[i + 1]);
                // Down-dip edges are shared with the next segment: no gap, no overlap at bends.
                if (i + 1 < fault.Segments.Count) Assert.Equal(lower[2], mesh[2 * i + 3].Vertices[1]);
                Assert.Equal(fault.TopDepth, mesh[2 * i].TopDepth);
                // A segment turned from the mean strike is sheared, so it dips at least as steeply as the fault.
                Assert.InRange(mesh[2 * i].DipDegrees, fault.DipDegrees - 1e-9, 90 + 1e-9);
                double cosRake = Math.Cos(fault.Segments[i].RakeDegrees * Math.PI / 180);
                Assert.Equal(fault.Segments[i].Slip * cosRake, mesh[2 * i + 1].StrikeSlip, 1e-12);
            }
        }
    }

    [Theory]
    [InlineData(1.0, 5UL)]
    [InlineData(0.0, 6UL)]
    public void LatticeRendering_OfAMesh_MatchesPixelwiseTriangles(double surfaceFraction, ulong seed)
    {
        var frame = new SceneFrame(96, 80, new SarGeometry(-170, 35, 2.33, 13.9));
        var fault = RoughFaultGenerator.Generate(new SeededRandom(seed), frame,
            new RoughFaultOptions { SurfaceRuptureFraction = surfaceFraction, TriangleMesh = true, MaxSegments = 6 });
        var region = new PixelRect(0, 0, frame.Width, frame.Height);
        var fast = new DisplacementField(region);
        FaultDisplacementRenderer.Render(fault, frame, fast);

        var p = frame.Geometry.Projection;
        // Every other row and column: the per-pixel reference is the slow part of this test.
        double maxAbs = 0, maxErr = 0, sumErr = 0;
        int count = 0;
        for (int y = 0; y < frame.Height; y += 2)
            for (int x = 1; x < frame.Width; x += 2)
            {
                count++;
                var (e, n) = frame.ToGround(x, y);
                var (dx, dy) = p.Apply(Sum(fault.Mesh!, e, n));
                int i = y * frame.Width + x;
                double err = Math.Max(Math.Abs(dx - fast.Dx[i]), Math.Abs(dy - fast.Dy[i]));
                maxAbs = Math.Max(maxAbs, Math.Max(Math.Abs(dx), Math.Abs(dy)));
                maxErr = Math.Max(maxErr, err);
                sumErr += err;
            }
        double meanErr = sumErr / count;
        output.WriteLine($"surface={fault.SurfaceRupture}, {fault.Mesh!.Count} triangles: max error {maxErr / maxAbs:E2}, mean {meanErr / maxAbs:E2} of max |d|");
        Assert.True(maxErr < 0.03 * maxAbs, $"max error {maxErr / maxAbs}");
        Assert.True(meanErr < 5e-4 * maxAbs, $"mean error {meanErr / maxAbs}");
    }

    [Fact]
    public void Simulator_WithTriangleMeshes_IsDeterministicAndRecordsTheMesh()
    {
        var meshed = new FaultDeformSimulator(new FaultDeformOptions { Fault = new RoughFaultOptions { TriangleMesh = true, MaxSegments = 4 } });
        var plain = new FaultDeformSimulator(new FaultDeformOptions { Fault = new RoughFaultOptions { MaxSegments = 4 } });
        long seed = Enumerable.Range(0, 50).First(i => meshed.Generate(64, i).Parameters.ContainsKey("fault_triangles"));
        var a = meshed.Generate(64, seed);
        var b = meshed.Generate(64, seed);
        var rectangles = plain.Generate(64, seed);

        Assert.Equal(a.Dx, b.Dx);
        Assert.Equal(a.Dy, b.Dy);
        Assert.Equal(a.Parameters, b.Parameters);
        Assert.Equal(2 * int.Parse(a.Parameters["fault_segments"]), int.Parse(a.Parameters["fault_triangles"]));
        Assert.False(rectangles.Parameters.ContainsKey("fault_triangles"));
        // Same draws, different fault surface: the same speckle before the warp, a different displacement field.
        Assert.Equal(rectangles.Pre, a.Pre);
        Assert.NotEqual(rectangles.Dx, a.Dx);
    }

    private static EnuDisplacement Sum(IEnumerable<ISurfaceDislocation> elements, double east, double north)
    {
        double e = 0, n = 0, u = 0;
        foreach (var element in elements)
        {
            var d = element.DisplacementAt(east, north);
            e += d.East;
            n += d.North;
            u += d.Up;
        }
        return new EnuDisplacement(e, n, u);
    }

    private static double Norm(EnuDisplacement u) => Math.Sqrt(u.East * u.East + u.North * u.North + u.Up * u.Up);

    private static double Distance(EnuDisplacement a, EnuDisplacement b) =>
        Norm(new EnuDisplacement(a.East - b.East, a.North - b.North, a.Up - b.Up));
}
