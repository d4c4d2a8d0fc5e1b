using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Geometry;
using GeoFlowNetSar.Synthesis.RealPairs;
using GeoFlowNetSar.Synthesis.Simulation;
using GeoFlowNetSar.Synthesis.Textures;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Synthesis.Tests.RealPairs;

public class RealPairTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(256, 256, 0.37, -0.62)]
    [InlineData(256, 256, 2.25, 1.8)]
    [InlineData(200, 150, -5.43, 3.11)]
    [InlineData(128, 128, 0.05, 0.0)]
    public void PhaseCorrelation_RecoversAKnownSubPixelShift(int width, int height, double dx, double dy)
    {
        var field = new PlaneWaveField(400, 0.25, 3);
        var reference = field.Amplitude(width, height);
        var moving = field.Amplitude(width, height, dx, dy);
        var r = PhaseCorrelation.Estimate(reference, moving);
        output.WriteLine($"{width}x{height} ({dx}, {dy}) → ({r.Dx:F4}, {r.Dy:F4}) peak {r.Peak:F3}");
        Assert.True(Math.Abs(r.Dx - dx) < 0.05 && Math.Abs(r.Dy - dy) < 0.05, $"got ({r.Dx:F4}, {r.Dy:F4}), expected ({dx}, {dy})");
        Assert.True(r.Peak > 0.1 && r.Significance > 3, $"peak {r.Peak}, significance {r.Significance}");
    }

    [Fact]
    public void PhaseCorrelation_RecoversAShiftMadeByTheWarper_OnSimulatedSar()
    {
        // A simulated SAR amplitude image (speckle, structure, point targets), shifted by the amplitude warper.
        var sample = new FaultDeformSimulator(new FaultDeformOptions { ZeroDeformationFraction = 1 }).Generate(256, 4);
        const double tx = -0.31, ty = 0.77;
        int n = 256 - 2 * 16;
        var shifted = new float[n * n];
        // POST(q) = PRE(q − t): a feature at p in PRE is at p + t.
        AmplitudeWarper.Warp(sample.Pre, 0, 0, 256, 256, null, 16, 16, -tx, -ty, n, n, shifted);
        var reference = new FloatImage(256, 256, sample.Pre).Crop(new PixelRect(16, 16, n, n));
        var r = PhaseCorrelation.Estimate(reference, new FloatImage(n, n, shifted));
        output.WriteLine($"({tx}, {ty}) → ({r.Dx:F4}, {r.Dy:F4}) peak {r.Peak:F3}");
        Assert.True(Math.Abs(r.Dx - tx) < 0.05 && Math.Abs(r.Dy - ty) < 0.05, $"got ({r.Dx:F4}, {r.Dy:F4})");
    }

    [Fact]
    public void PhaseCorrelation_UnrelatedImagesGiveALowPeak()
    {
        var a = new PlaneWaveField(400, 0.25, 1).Amplitude(128, 128);
        var b = new PlaneWaveField(400, 0.25, 2).Amplitude(128, 128);
        var r = PhaseCorrelation.Estimate(a, b);
        output.WriteLine($"unrelated: peak {r.Peak:F3}, significance {r.Significance:F2}");
        Assert.True(r.Peak < 0.05 && r.Significance < 1.3);
    }

    [Fact]
    public void PhaseCorrelation_AlignsACropInsideALargerCrop()
    {
        // PRE: 200x150 crop; POST: 400x150 crop of the same field whose column 100 is PRE's column 0 (+ a sub-pixel shift).
        var field = new PlaneWaveField(400, 0.25, 6);
        var larger = field.Amplitude(400, 150, 0.3, -0.2);
        var pre = new InMemoryAmplitudeSource(field.Amplitude(400, 150).Crop(new PixelRect(100, 0, 200, 150)));
        var r = RealPairSampler.Align(pre, new InMemoryAmplitudeSource(larger));
        output.WriteLine($"crop in a larger crop: ({r.Dx:F4}, {r.Dy:F4}), significance {r.Significance:F1}");
        Assert.True(Math.Abs(r.Dx - 100.3) < 0.05 && Math.Abs(r.Dy + 0.2) < 0.05, $"got ({r.Dx}, {r.Dy})");
        Assert.True(r.Significance > 3);
        var sampler = new RealPairSampler(pre, new InMemoryAmplitudeSource(larger), r);
        var sample = sampler.Generate(96, 3);
        Assert.Equal(96, sample.Size);
    }

    [Fact]
    public void Patches_AreDeterministic_AndWarpedWithTheDesignSign()
    {
        // Band-limited texture: interpolation is then exact, so POST can be checked against the analytic field.
        var field = new PlaneWaveField(300, 0.2, 9);
        const double tx = 0.4, ty = -1.3; // residual misregistration of the "real" pair
        var pre = new InMemoryAmplitudeSource(field.Texture(180, 170), "pre");
        var post = new InMemoryAmplitudeSource(field.Texture(180, 170, tx, ty), "post");
        var alignment = RealPairSampler.Align(pre, post);
        Assert.True(Math.Abs(alignment.Dx - tx) < 0.02 && Math.Abs(alignment.Dy - ty) < 0.02, $"alignment ({alignment.Dx}, {alignment.Dy})");
        var sampler = new RealPairSampler(pre, post, alignment, new FaultDeformOptions { ZeroDeformationFraction = 0, MaxDisplacement = (1.5, 1.5) });

        var a = sampler.Generate(64, 17);
        var b = sampler.Generate(64, 17);
        Assert.Equal(a.Pre, b.Pre);
        Assert.Equal(a.Post, b.Post);
        Assert.Equal(a.Dx, b.Dx);
        Assert.Equal(a.Parameters, b.Parameters);
        var c = sampler.Generate(64, 18);
        Assert.NotEqual((a.Parameters["patch_x"], a.Parameters["patch_y"]), (c.Parameters["patch_x"], c.Parameters["patch_y"]));

        int x0 = int.Parse(a.Parameters["patch_x"]), y0 = int.Parse(a.Parameters["patch_y"]);
        float max = a.Dx.Concat(a.Dy).Max(Math.Abs);
        Assert.Equal(1.5, max, 4);
        // PRE is the raster itself; POST(q) = T(origin + p) with p + d(p) = q.
        Assert.Equal(pre.Image.Crop(new PixelRect(x0, y0, 64, 64)).Pixels, a.Pre);
        var d = new DisplacementField(new PixelRect(0, 0, 64, 64), a.Dx, a.Dy);
        double sumSq = 0, signal = 0;
        for (int y = 0; y < 64; y += 3)
            for (int x = 0; x < 64; x += 3)
            {
                double px = x, py = y;
                for (int k = 0; k < 6; k++)
                {
                    var (ux, uy) = d.At(px, py);
                    px = x - ux;
                    py = y - uy;
                }
                float expected = field.Texture(1, 1, -(x0 + px), -(y0 + py)).Pixels[0];
                double e = a.Post[y * 64 + x] - expected;
                sumSq += e * e;
                signal += Math.Pow(expected - 10, 2);
            }
        double relative = Math.Sqrt(sumSq / signal);
        output.WriteLine($"POST vs analytic warp: relative RMS {relative:E2}");
        Assert.True(relative < 0.01, $"relative RMS {relative}");
        // And the sign: POST is not simply PRE moved by −d.
        Assert.NotEqual(a.Pre, a.Post);
    }

    [Fact]
    public void TooSmallRasters_GiveAClearError()
    {
        var field = new PlaneWaveField(100, 0.2, 1);
        var src = new InMemoryAmplitudeSource(field.Texture(60, 60));
        var sampler = new RealPairSampler(src, src, RealPairSampler.Align(src, src));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Generate(64, 1));
        Assert.Contains("do not fit", error.Message);
        Assert.True(sampler.MaxSize(1) is > 30 and < 60);
        sampler.Generate(sampler.MaxSize(1), 1);
    }
}
