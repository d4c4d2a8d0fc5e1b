using System.Text;
using GeoFlowNetSar.Synthesis.Simulation;

namespace GeoFlowNetSar.Synthesis.Tests.Simulation;

public class QuickLookTests
{
    [Fact]
    public void Images_AndMosaic_HaveTheSampleContents()
    {
        var sample = new FaultDeformSimulator(new FaultDeformOptions { ZeroDeformationFraction = 0 }).Generate(64, 3);
        var images = QuickLook.Images(sample);
        Assert.Equal(sample.Pre, images.Pre.Pixels);
        Assert.Equal(sample.Post, images.Post.Pixels);
        Assert.Equal(sample.Dx, images.Dx.Pixels);
        Assert.Equal(sample.Dy, images.Dy.Pixels);
        Assert.NotSame(sample.Pre, images.Pre.Pixels);

        var (pixels, width, height) = QuickLook.Mosaic(sample);
        Assert.Equal(128, width);
        Assert.Equal(128, height);
        Assert.True(pixels.Distinct().Count() > 50);
        var pgm = QuickLook.ToPgm(pixels, width, height);
        Assert.StartsWith("P5\n128 128\n255\n", Encoding.ASCII.GetString(pgm, 0, 16));
        Assert.Equal(pixels.Length + 15, pgm.Length);
    }
}
