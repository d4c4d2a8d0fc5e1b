using System.Numerics;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Reflectivity;
using GeoFlowNetSar.Synthesis.Simulation;
using GeoFlowNetSar.Synthesis.Speckle;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Synthesis.Tests.Speckle;

public class SpeckleStatisticsTests(ITestOutputHelper output)
{
    /// <summary>std/mean of a Rayleigh amplitude: √(4/π − 1).</summary>
    private static readonly double RayleighRatio = Math.Sqrt(4 / Math.PI - 1);

    private static (ComplexField Pre, ComplexField Post) Homogeneous(int size, double coherence, double rangeBandwidth,
        double azimuthBandwidth, float sigma = 1f, ulong key = 7, IReadOnlyList<PointScatterer>? points = null, float[]? change = null)
    {
        var filter = new BandLimitFilter(rangeBandwidth, azimuthBandwidth);
        var region = new PixelRect(0, 0, size, size);
        int r = filter.Radius;
        var white = new PixelRect(-r, -r, size + 2 * r, size + 2 * r);
        var reflectivity = Enumerable.Repeat(sigma, (int)white.Area).ToArray();
        var pre = new ComplexField(region);
        var post = new ComplexField(region);
        SpecklePairSynthesizer.Render(region, reflectivity, change, points ?? [], coherence, key, filter, pre, post);
        return (pre, post);
    }

    internal static double Coherence(ComplexField a, ComplexField b, PixelRect? within = null)
    {
        var rect = within ?? a.Region;
        Complex cross = 0;
        double pa = 0, pb = 0;
        for (int y = rect.Y; y < rect.Bottom; y++)
            for (int x = rect.X; x < rect.Right; x++)
            {
                Complex za = a[x, y], zb = b[x, y];
                cross += za * Complex.Conjugate(zb);
                pa += za.Real * za.Real + za.Imaginary * za.Imaginary;
                pb += zb.Real * zb.Real + zb.Imaginary * zb.Imaginary;
            }
        return cross.Magnitude / Math.Sqrt(pa * pb);
    }

    private static (double Mean, double Ratio) AmplitudeStats(ReadOnlySpan<float> amplitude)
    {
        double s = 0, s2 = 0;
        foreach (float v in amplitude)
        {
            s += v;
            s2 += (double)v * v;
        }
        double mean = s / amplitude.Length;
        return (mean, Math.Sqrt(s2 / amplitude.Length - mean * mean) / mean);
    }

    [Theory]
    [InlineData(0.67, 0.62)]
    [InlineData(0.80, 0.70)]
    [InlineData(0.88, 0.80)]
    public void SingleLookAmplitude_IsRayleigh_OnHomogeneousGround(double rangeBandwidth, double azimuthBandwidth)
    {
        var (pre, post) = Homogeneous(256, 0.8, rangeBandwidth, azimuthBandwidth, sigma: 3.5f);
        foreach (var field in new[] { pre, post })
        {
            var amplitude = new float[field.Length];
            Detection.Detect(field, field.Region, DetectionMode.Native, amplitude);
            var (_, ratio) = AmplitudeStats(amplitude);
            double intensity = amplitude.Average(a => (double)a * a);
            output.WriteLine($"B = ({rangeBandwidth}, {azimuthBandwidth}): std/mean = {ratio:F4} (Rayleigh {RayleighRatio:F4}), mean |z|² = {intensity:F3} (σ = 3.5)");
            Assert.Equal(RayleighRatio, ratio, 0.02);
            Assert.Equal(3.5, intensity, 3.5 * 0.05);
        }
    }

    [Theory]
    [InlineData(0.6)]
    [InlineData(0.8)]
    [InlineData(0.95)]
    public void Coherence_IsRecoveredFromTheComplexPair(double gamma)
    {
        var (pre, post) = Homogeneous(256, gamma, 0.8, 0.7, key: (ulong)(gamma * 1000));
        double estimate = Coherence(pre, post);
        output.WriteLine($"γ = {gamma}: estimated {estimate:F4}");
        Assert.Equal(gamma, estimate, 0.03);
    }

    [Fact]
    public void Simulator_ZeroDeformationHomogeneousSample_HasRayleighAmplitudeAndItsCoherence()
    {
        var simulator = new FaultDeformSimulator(new FaultDeformOptions
        {
            ZeroDeformationFraction = 1, StructuredReflectivity = false, ChangeProbability = 0,
        });
        for (long seed = 0; seed < 3; seed++)
        {
            var pair = simulator.Simulate(256, seed, keepComplex: true);
            var (_, ratio) = AmplitudeStats(pair.Sample.Pre);
            double estimate = Coherence(pair.ComplexPre!, pair.ComplexPost!);
            output.WriteLine($"seed {seed}: std/mean = {ratio:F4}, γ = {pair.Coherence:F4}, estimated {estimate:F4}");
            Assert.Equal(RayleighRatio, ratio, 0.02);
            Assert.Equal(pair.Coherence, estimate, 0.03);
        }
    }

    [Fact]
    public void OversampledDetection_LowersSpeckleContrast()
    {
        int m = Detection.Margin(DetectionMode.Oversampled2x);
        var (pre, _) = Homogeneous(128 + 2 * m, 0.8, 0.8, 0.7);
        var region = new PixelRect(m, m, 128, 128);
        var native = new float[region.Area];
        var over = new float[region.Area];
        Detection.Detect(pre, region, DetectionMode.Native, native);
        Detection.Detect(pre, region, DetectionMode.Oversampled2x, over);
        var (meanN, ratioN) = AmplitudeStats(native);
        var (meanO, ratioO) = AmplitudeStats(over);
        output.WriteLine($"native std/mean {ratioN:F4}, 2× oversampled {ratioO:F4}; means {meanN:F4} / {meanO:F4}");
        Assert.InRange(ratioO, 0.3, ratioN - 0.03);
        Assert.Equal(meanN, meanO, meanN * 0.05);
    }

    [Fact]
    public void ChangedPatch_IsDecorrelated_AndRestKeepsCoherence()
    {
        const int size = 192;
        var filter = new BandLimitFilter(0.8, 0.7);
        int r = filter.Radius;
        var white = new PixelRect(-r, -r, size + 2 * r, size + 2 * r);
        var patch = new ChangePatch(96, 96, 1.0 / (40 * 40), 0, 1.0 / (40 * 40), 2f);
        var change = new float[white.Area];
        ChangePatch.Render([patch], white, change);
        var (pre, post) = Homogeneous(size, 0.9, 0.8, 0.7, change: change);
        double inside = Coherence(pre, post, new PixelRect(76, 76, 40, 40));
        double outside = Coherence(pre, post, new PixelRect(0, 0, size, 40));
        output.WriteLine($"coherence inside the changed patch {inside:F3}, outside {outside:F3}");
        Assert.True(inside < 0.1);
        Assert.Equal(0.9, outside, 0.03);
    }

    [Fact]
    public void FilterTaps_AreSymmetric_WithUnitEnergy()
    {
        var filter = new BandLimitFilter(0.75, 0.66);
        foreach (var taps in new[] { filter.RangeTaps.ToArray(), filter.AzimuthTaps.ToArray() })
        {
            Assert.Equal(1.0, taps.Sum(t => (double)t * t), 1e-5);
            for (int k = 0; k < taps.Length; k++) Assert.Equal(taps[k], taps[^(k + 1)]);
        }
    }

    [Fact]
    public void GaussianTable_HasUnitVarianceAndZeroMean()
    {
        var t = GaussianTable.Values;
        double s = 0, s2 = 0;
        foreach (float v in t)
        {
            s += v;
            s2 += (double)v * v;
        }
        Assert.Equal(0, s / t.Length, 1e-6);
        Assert.Equal(1, s2 / t.Length, 1e-5);
    }
}
