using GeoFlowNetSar.Core.Tiling;

namespace GeoFlowNetSar.Core.Tests;

public class AxisGridTests
{
    [Fact]
    public void UNetGridHasStride128AndClampsTheLastWindowInsideTheImage()
    {
        var grid = new AxisGrid(length: 1000, window: 256, step: 128);
        Assert.Equal([0, 128, 256, 384, 512, 640, 744], grid.Origins.ToArray());
    }

    [Fact]
    public void ExactFitAddsNoClampedWindow()
    {
        var grid = new AxisGrid(length: 1024, window: 256, step: 128);
        Assert.Equal(7, grid.Count);
        Assert.Equal(768, grid.Origins[^1]);
    }

    [Fact]
    public void EveryInteriorPixelIsCoveredTwicePerAxisSoFourTimesIn2D()
    {
        var grid = new AxisGrid(1024, 256, 128);
        var cover = new int[1024];
        foreach (int o in grid.Origins)
            for (int x = o; x < o + 256; x++) cover[x]++;
        Assert.All(cover[128..896], c => Assert.Equal(2, c));
        Assert.All(cover[..128], c => Assert.Equal(1, c));
    }

    [Theory]
    [InlineData(100, 32, 16)]
    [InlineData(257, 64, 7)]
    [InlineData(64, 64, 1)]
    [InlineData(500, 128, 2)]
    public void HatWeightsSumToOneEverywhere(int length, int window, int step)
    {
        var grid = new AxisGrid(length, window, step);
        for (int x = 0; x < length; x++)
        {
            double sum = 0;
            for (int k = 0; k < grid.Count; k++)
            {
                var (from, to) = grid.InterpolationSupport(k);
                double w = grid.HatWeight(k, x);
                if (x < from || x >= to) Assert.Equal(0.0, w);
                sum += w;
            }
            Assert.Equal(1.0, sum, 12);
        }
    }

    [Fact]
    public void HatsInterpolateALinearFieldExactlyBetweenCentres()
    {
        var grid = new AxisGrid(300, 64, 20);
        double Field(double x) => 0.25 + 0.003 * x;
        for (int x = (int)Math.Ceiling(grid.Centre(0)); x <= grid.Centre(grid.Count - 1); x++)
        {
            double v = 0;
            for (int k = 0; k < grid.Count; k++) v += grid.HatWeight(k, x) * Field(grid.Centre(k));
            Assert.Equal(Field(x), v, 12);
        }
    }

    [Theory]
    [InlineData(100, 128, 1, "larger than the image")]
    [InlineData(100, 32, 0, "step must be at least 1")]
    [InlineData(100, 0, 4, "window must be at least 1")]
    public void BadSettingsAreRejectedWithAClearMessage(int length, int window, int step, string message)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AxisGrid(length, window, step));
        Assert.Contains(message, error.Message);
    }
}
