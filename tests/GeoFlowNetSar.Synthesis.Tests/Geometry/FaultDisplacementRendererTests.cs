using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Faults;
using GeoFlowNetSar.Synthesis.Geometry;
using GeoFlowNetSar.Synthesis.Simulation;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Synthesis.Tests.Geometry;

public class FaultDisplacementRendererTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1.0, 3)]
    [InlineData(1.0, 8)]
    [InlineData(0.0, 3)]
    [InlineData(0.0, 8)]
    public void LatticeRendering_MatchesPixelwiseOkada(double surfaceFraction, long seed)
    {
        var frame = new SceneFrame(192, 160, new SarGeometry(-170, 35, 2.33, 13.9));
        var fault = RoughFaultGenerator.Generate(new SeededRandom((ulong)seed), frame,
            new RoughFaultOptions { SurfaceRuptureFraction = surfaceFraction });
        var region = new PixelRect(0, 0, frame.Width, frame.Height);
        var fast = new DisplacementField(region);
        FaultDisplacementRenderer.Render(fault, frame, fast);

        var p = frame.Geometry.Projection;
        double maxAbs = 0, maxErr = 0, sumErr = 0;
        for (int y = 0; y < frame.Height; y++)
            for (int x = 0; x < frame.Width; x++)
            {
                var (e, n) = frame.ToGround(x, y);
                double dx = 0, dy = 0;
                foreach (var s in fault.Segments)
                {
                    var (sx, sy) = p.Apply(s.DisplacementAt(e, n));
                    dx += sx;
                    dy += sy;
                }
                int i = y * frame.Width + x;
                double err = Math.Max(Math.Abs(dx - fast.Dx[i]), Math.Abs(dy - fast.Dy[i]));
                maxAbs = Math.Max(maxAbs, Math.Max(Math.Abs(dx), Math.Abs(dy)));
                maxErr = Math.Max(maxErr, err);
                sumErr += err;
            }
        double meanErr = sumErr / region.Area;
        output.WriteLine($"surface={fault.SurfaceRupture}, {fault.Segments.Count} segments: max error {maxErr / maxAbs:E2}, mean {meanErr / maxAbs:E2} of max |d|");
        // Worst pixels sit a few lattice cells from segment junctions (log-singular corners); the label and the
        // warp share this field, so it only needs to look like Okada, not match it to the last digit.
        Assert.True(maxErr < 0.03 * maxAbs, $"max error {maxErr / maxAbs}");
        Assert.True(meanErr < 5e-4 * maxAbs, $"mean error {meanErr / maxAbs}");
    }

    [Fact]
    public void SegmentBoxTest_FindsCrossingsAndMisses()
    {
        Assert.True(FaultDisplacementRenderer.SegmentIntersectsBox(-1, 0.5, 2, 0.5, 0, 1, 0, 1));
        Assert.True(FaultDisplacementRenderer.SegmentIntersectsBox(0.2, 0.2, 0.3, 0.3, 0, 1, 0, 1));
        Assert.False(FaultDisplacementRenderer.SegmentIntersectsBox(-1, 2, 2, 1.5, 0, 1, 0, 1));
        Assert.False(FaultDisplacementRenderer.SegmentIntersectsBox(2, 0, 3, 1, 0, 1, 0, 1));
    }
}
