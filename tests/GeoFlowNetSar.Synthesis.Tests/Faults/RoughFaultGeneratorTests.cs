using GeoFlowNetSar.Synthesis.Faults;
using GeoFlowNetSar.Synthesis.Geometry;
using GeoFlowNetSar.Synthesis.Simulation;

namespace GeoFlowNetSar.Synthesis.Tests.Faults;

public class RoughFaultGeneratorTests
{
    private static readonly SceneFrame Frame = new(256, 256, new SarGeometry(-10, 38, 2.33, 13.9));

    private static List<RoughFault> Draw(int count, RoughFaultOptions? options = null) =>
        Enumerable.Range(0, count).Select(i => RoughFaultGenerator.Generate(new SeededRandom((ulong)i), Frame, options ?? new())).ToList();

    [Fact]
    public void Faults_RespectTheirRanges()
    {
        var options = new RoughFaultOptions();
        foreach (var f in Draw(300))
        {
            Assert.InRange(f.DipDegrees, 30, 90);
            Assert.InRange(f.Segments.Count, 1, options.MaxSegments);
            Assert.InRange(f.Length, 0.6 * Frame.Extent, 2.5 * Frame.Extent * 1.5);
            Assert.All(f.Segments, s => Assert.InRange(s.Slip, 0.05, 3));
            Assert.All(f.Segments, s => Assert.Equal(f.TopDepth, s.TopDepth));
            if (f.SurfaceRupture) Assert.Equal(0, f.TopDepth);
            else Assert.True(f.TopDepth >= options.MinBuriedDepth);
            // The trace's middle lies inside the image, so the fault crosses it.
            var (c, r) = Frame.ToPixel(f.CentreEast, f.CentreNorth);
            Assert.InRange(c, 0, Frame.Width);
            Assert.InRange(r, 0, Frame.Height);
        }
    }

    [Fact]
    public void Segments_FormAChainAlongTheTrace()
    {
        foreach (var f in Draw(50))
        {
            Assert.Equal(f.Trace.Count - 1, f.Segments.Count);
            for (int i = 0; i < f.Segments.Count; i++)
            {
                var s = f.Segments[i];
                var (ss, cs) = Math.SinCos(s.StrikeDegrees * Math.PI / 180);
                Assert.Equal(f.Trace[i].East, s.TopCentreEast - s.Length / 2 * ss, 1e-6);
                Assert.Equal(f.Trace[i].North, s.TopCentreNorth - s.Length / 2 * cs, 1e-6);
                Assert.Equal(f.Trace[i + 1].East, s.TopCentreEast + s.Length / 2 * ss, 1e-6);
                Assert.Equal(f.Trace[i + 1].North, s.TopCentreNorth + s.Length / 2 * cs, 1e-6);
            }
        }
    }

    [Fact]
    public void Mixture_HasAllMechanismsAndAboutHalfSurfaceRuptures()
    {
        var faults = Draw(400);
        double surface = faults.Count(f => f.SurfaceRupture) / 400.0;
        Assert.InRange(surface, 0.42, 0.58);
        foreach (var m in Enum.GetValues<FaultMechanism>()) Assert.Contains(faults, f => f.Mechanism == m);
        foreach (var f in faults.Where(f => f.Mechanism == FaultMechanism.Thrust)) Assert.InRange(f.RakeDegrees, 20, 160);
        foreach (var f in faults.Where(f => f.Mechanism == FaultMechanism.Normal)) Assert.InRange(f.RakeDegrees, -160, -20);
        Assert.Contains(faults, f => f.Bends > 0);
        Assert.Contains(faults, f => f.Segments.Count > 4);
    }

    [Fact]
    public void SameGeneratorState_SameFault()
    {
        var a = RoughFaultGenerator.Generate(new SeededRandom(9), Frame, new());
        var b = RoughFaultGenerator.Generate(new SeededRandom(9), Frame, new());
        Assert.Equal(a.Trace, b.Trace);
        Assert.Equal(a.Segments.Select(s => s.Slip), b.Segments.Select(s => s.Slip));
    }
}
