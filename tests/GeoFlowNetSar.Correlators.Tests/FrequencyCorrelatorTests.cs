using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Correlators.Frequency;
using GeoFlowNetSar.Pipeline.Scenes;
using GeoFlowNetSar.Pipeline.Stitching;
using GeoFlowNetSar.Synthesis.Textures;
using GeoFlowNetSar.TorchSupport;

namespace GeoFlowNetSar.Correlators.Tests;

public class FrequencyCorrelatorTests
{
    private const int Size = 256;

    static FrequencyCorrelatorTests() => TorchRuntime.Configure(1);

    [Theory]
    [InlineData(0.37, -0.23)]
    [InlineData(-0.81, 0.55)]
    [InlineData(2.4, 1.15)]
    public void ConstantSubPixelShiftOfABandLimitedTextureIsFoundWithin002Px(double dx, double dy)
    {
        var (mosaicDx, mosaicDy) = Correlate(dx, dy, seed: 11);
        AssertMaxError(mosaicDx, dx, 0.02);
        AssertMaxError(mosaicDy, dy, 0.02);
    }

    [Fact]
    public void ZeroShiftIsFoundWithin0005Px()
    {
        var (mosaicDx, mosaicDy) = Correlate(0, 0, seed: 12);
        AssertMaxError(mosaicDx, 0, 0.005);
        AssertMaxError(mosaicDy, 0, 0.005);
    }

    [Fact]
    public void SignFollowsTheConventionFeatureAtPInPreIsAtPPlusDInPost()
    {
        var pre = new FloatImage(64, 64);
        var post = new FloatImage(64, 64);
        var field = new PlaneWaveField(400, 0.25, seed: 3).Texture(80, 80);
        // POST is PRE moved by +3 columns and −2 rows: POST(x, y) = PRE(x − 3, y + 2).
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++)
            {
                pre[x, y] = field[x + 8, y + 8];
                post[x, y] = field[x + 8 - 3, y + 8 + 2];
            }
        using var correlator = new FrequencyCorrelator(new FrequencyCorrelatorOptions(Window: 64, Step: 64));
        var result = new WindowOffset[1];
        correlator.Estimate(pre, post, [new WindowOrigin(0, 0)], result);
        Assert.Equal(3.0, result[0].Dx, 1);
        Assert.Equal(-2.0, result[0].Dy, 1);
    }

    [Fact]
    public void ConstantInputGivesNaNNotNoise()
    {
        var flat = new FloatImage(128, 128);
        using var correlator = new FrequencyCorrelator(new FrequencyCorrelatorOptions(Window: 64, Step: 32));
        var sink = new InMemoryDisplacementSink(128, 128, ["dx", "dy"]);
        var report = ScenePipeline.Run(new InMemoryAmplitudeSource(flat), new InMemoryAmplitudeSource(flat), correlator, sink,
            new SceneOptions(new MosaicOptions()));
        Assert.True(report.NoEstimateAtAll);
        Assert.All(sink.Band("dx").Pixels, v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void UnrelatedImagesAreMaskedByTheQualityThreshold()
    {
        var pre = new PlaneWaveField(400, 0.5, seed: 5).Amplitude(128, 128);
        var post = new PlaneWaveField(400, 0.5, seed: 6).Amplitude(128, 128);
        using var correlator = new FrequencyCorrelator(new FrequencyCorrelatorOptions(Window: 64, Step: 16, MinQuality: 0.2));
        var origins = new[] { new WindowOrigin(0, 0), new WindowOrigin(32, 32), new WindowOrigin(64, 64) };
        var results = new WindowOffset[3];
        correlator.Estimate(pre, post, origins, results);
        Assert.All(results, r => Assert.False(r.IsValid));
    }

    [Theory]
    [InlineData(SubPixelMethod.PhasePlane)]
    [InlineData(SubPixelMethod.UpsampledDft)]
    public void LargeShiftsAreRefinedByTheRecentredPass(SubPixelMethod subPixel)
    {
        // 7.3 and −5.6 px in a 64-pixel window: the second pass apodises POST with the window moved by (7, −6).
        var (pre, post) = TestScenes.ConstantShift(160, TestScenes.Oversampled, seed: 13, 7.3, -5.6);
        using var correlator = new FrequencyCorrelator(new FrequencyCorrelatorOptions(Window: 64, Step: 32, SubPixel: subPixel));
        var results = TestScenes.Estimate(correlator, pre, post, TestScenes.Grid(160, 64, 32));
        Assert.All(results, r =>
        {
            Assert.True(r.IsValid);
            Assert.Equal(7.3, r.Dx, 0.02);
            Assert.Equal(-5.6, r.Dy, 0.02);
        });
    }

    [Fact]
    public void UpsampledDftAndPhasePlaneAgree()
    {
        var (pre, post) = TestScenes.ConstantShift(160, TestScenes.Oversampled, seed: 14, -0.61, 0.44);
        var origins = TestScenes.Grid(160, 64, 16);
        using var plane = new FrequencyCorrelator(new FrequencyCorrelatorOptions(Window: 64, Step: 16));
        using var dft = new FrequencyCorrelator(new FrequencyCorrelatorOptions(Window: 64, Step: 16, SubPixel: SubPixelMethod.UpsampledDft, Upsampling: 128));
        var a = TestScenes.Estimate(plane, pre, post, origins);
        var b = TestScenes.Estimate(dft, pre, post, origins);
        for (int i = 0; i < origins.Length; i++)
        {
            Assert.Equal(a[i].Dx, b[i].Dx, 0.01);
            Assert.Equal(a[i].Dy, b[i].Dy, 0.01);
        }
    }

    [Fact]
    public void WindowMustBeAMultipleOfFour() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrequencyCorrelator(new FrequencyCorrelatorOptions(Window: 66)));

    private static (FloatImage Dx, FloatImage Dy) Correlate(double dx, double dy, int seed)
    {
        var field = new PlaneWaveField(600, 0.25, seed);
        var pre = field.Texture(Size, Size);
        var post = field.Texture(Size, Size, dx, dy);
        using var correlator = new FrequencyCorrelator(new FrequencyCorrelatorOptions(Window: 64, Step: 16));
        var sink = new InMemoryDisplacementSink(Size, Size, ["dx", "dy"]);
        ScenePipeline.Run(new InMemoryAmplitudeSource(pre), new InMemoryAmplitudeSource(post), correlator, sink,
            new SceneOptions(new MosaicOptions(), ChunkSize: 100));
        return (sink.Band("dx"), sink.Band("dy"));
    }

    private static void AssertMaxError(FloatImage estimate, double truth, double tolerance)
    {
        var expected = Enumerable.Repeat((float)truth, estimate.Pixels.Length).ToArray();
        double max = DisplacementMetrics.MaxAbsDifference(estimate.Pixels, expected);
        Assert.True(max <= tolerance, $"max |error| {max:F4} px > {tolerance} px (truth {truth})");
    }
}
