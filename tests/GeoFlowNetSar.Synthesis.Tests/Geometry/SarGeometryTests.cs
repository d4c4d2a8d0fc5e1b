using GeoFlowNetSar.Synthesis.Dislocation;
using GeoFlowNetSar.Synthesis.Geometry;

namespace GeoFlowNetSar.Synthesis.Tests.Geometry;

public class SarGeometryTests
{
    private static readonly SarGeometry Ascending = new(-10, 38, 2.33, 13.9);
    private static readonly SarGeometry Descending = new(-170, 38, 2.33, 13.9);

    [Fact]
    public void Uplift_ShortensRange_SoDxIsNegative()
    {
        foreach (var g in new[] { Ascending, Descending })
        {
            var (dx, dy) = g.ToPixels(new EnuDisplacement(0, 0, 1));
            Assert.Equal(-Math.Cos(38 * Math.PI / 180) / 2.33, dx, 1e-12);
            Assert.Equal(0, dy, 1e-12);
        }
    }

    [Fact]
    public void RightLooking_AscendingLooksEast_DescendingLooksWest()
    {
        // Eastward motion moves away from an east-looking radar: larger range, dx > 0.
        Assert.True(Ascending.ToPixels(new EnuDisplacement(1, 0, 0)).Dx > 0);
        Assert.True(Descending.ToPixels(new EnuDisplacement(1, 0, 0)).Dx < 0);
        // Along track: ascending flies roughly north, so northward motion is +rows.
        Assert.True(Ascending.ToPixels(new EnuDisplacement(0, 1, 0)).Dy > 0);
        Assert.True(Descending.ToPixels(new EnuDisplacement(0, 1, 0)).Dy < 0);
    }

    [Fact]
    public void PixelShift_UsesSlantRangeAndAzimuthSpacing()
    {
        // 1 m along the look direction on the ground: Δr = sin θ m → sin θ / 2.33 px; 1 m along track → 1/13.9 px.
        var (le, ln) = Ascending.Look;
        var (ae, an) = Ascending.AlongTrack;
        Assert.Equal(Math.Sin(38 * Math.PI / 180) / 2.33, Ascending.ToPixels(new EnuDisplacement(le, ln, 0)).Dx, 1e-12);
        Assert.Equal(1 / 13.9, Ascending.ToPixels(new EnuDisplacement(ae, an, 0)).Dy, 1e-12);
        Assert.Equal(0, Ascending.ToPixels(new EnuDisplacement(ae, an, 0)).Dx, 1e-12);
        Assert.Equal(2.33 / Math.Sin(38 * Math.PI / 180), Ascending.GroundRangeSpacing, 1e-12);
    }

    [Fact]
    public void GroundAndPixelCoordinates_RoundTrip()
    {
        var frame = new SceneFrame(256, 200, Descending);
        var (e, n) = frame.ToGround(17.25, 190.5);
        var (c, r) = frame.ToPixel(e, n);
        Assert.Equal(17.25, c, 1e-9);
        Assert.Equal(190.5, r, 1e-9);
        Assert.Equal((0.0, 0.0), frame.ToGround(frame.CentreColumn, frame.CentreRow));
        // One column is one ground-range pixel along the look direction.
        var (e1, n1) = frame.ToGround(18.25, 190.5);
        Assert.Equal(Descending.GroundRangeSpacing, Math.Sqrt((e1 - e) * (e1 - e) + (n1 - n) * (n1 - n)), 1e-9);
    }
}
