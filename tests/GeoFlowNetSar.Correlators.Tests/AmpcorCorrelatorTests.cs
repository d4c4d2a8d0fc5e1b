using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Correlators.Ampcor;
using GeoFlowNetSar.Synthesis.Simulation;
using GeoFlowNetSar.TorchSupport;

namespace GeoFlowNetSar.Correlators.Tests;

public class AmpcorCorrelatorTests
{
    static AmpcorCorrelatorTests() => TorchRuntime.Configure(1);

    [Fact]
    public void SnrAndCovarianceFollowTheNoise()
    {
        var (pre, post) = TestScenes.ConstantShift(192, TestScenes.Oversampled, seed: 81, 0.37, -0.23);
        var noisy = WithNoise(post, 0.5, seed: 82);
        var origins = TestScenes.Grid(192, 64, 32);
        using var correlator = new AmpcorCorrelator(new AmpcorCorrelatorOptions(MinSnr: 0));
        var clean = new AmpcorOffset[origins.Length];
        var degraded = new AmpcorOffset[origins.Length];
        correlator.EstimateDetailed(pre, post, origins, clean);
        correlator.EstimateDetailed(pre, noisy, origins, degraded);

        Assert.All(clean, r => Assert.True(r.IsValid && r.CovXX > 0 && r.CovYY > 0 && r.PeakNcc > 0.95));
        Assert.All(degraded, r => Assert.True(r.IsValid && r.CovXX > 0 && r.CovYY > 0));
        double Mean(AmpcorOffset[] rs, Func<AmpcorOffset, double> f) => rs.Average(f);
        Assert.True(Mean(degraded, r => r.Snr) < Mean(clean, r => r.Snr), "noise should lower the SNR");
        Assert.True(Mean(degraded, r => r.CovXX) > 2 * Mean(clean, r => r.CovXX), "noise should raise the variance estimate");
        Assert.True(Mean(degraded, r => r.CovYY) > 2 * Mean(clean, r => r.CovYY), "noise should raise the variance estimate");
        // The spread of the noisy estimates is of the order the covariance predicts (within a factor of a few).
        double spread = Math.Sqrt(degraded.Average(r => Math.Pow(r.Dx - 0.37, 2)));
        double predicted = Math.Sqrt(Mean(degraded, r => r.CovXX));
        Assert.InRange(spread / predicted, 0.2, 5);
    }

    [Fact]
    public void TheSnrThresholdMasksUnrelatedImages_AndKeepsCoherentOnes()
    {
        // The default gates (SNR 2.5, peak NCC 0.2) separate the two populations on native single-look amplitude: with the
        // smoothing on the oversampled chips the SNR alone lets 21 of these 169 unrelated windows through (peak NCC
        // ≤ 0.19 in 95 % of them), the peak gate removes them; coherent windows at coherence 0.6 peak at ≥ 0.34 and
        // 155 of 169 pass the SNR gate. (On 2×-oversampled speckle the broader correlation peak lets more unrelated
        // windows through the SNR gate: MinPeakNcc is the stricter gate there.)
        using var correlator = new AmpcorCorrelator();
        var simulator = new FaultDeformSimulator(new FaultDeformOptions { Coherence = (0.6, 0.6), ChangeProbability = 0 });
        var a = simulator.Generate(256, 11);
        var b = simulator.Generate(256, 12);
        var unrelated = TestScenes.Estimate(correlator, new FloatImage(256, 256, a.Pre), new FloatImage(256, 256, b.Post), TestScenes.Grid(256, 64, 16));
        Assert.True(unrelated.Count(r => r.IsValid) <= unrelated.Length / 10, $"{unrelated.Count(r => r.IsValid)} of {unrelated.Length} unrelated windows kept");

        var sample = simulator.Generate(256, 7);
        var coherent = TestScenes.Estimate(correlator, new FloatImage(256, 256, sample.Pre), new FloatImage(256, 256, sample.Post), TestScenes.Grid(256, 64, 16));
        Assert.True(coherent.Count(r => r.IsValid) >= coherent.Length * 7 / 10, $"{coherent.Count(r => r.IsValid)} of {coherent.Length} coherent windows kept");
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void DerampAndWallisPrefiltersKeepTheEstimate(bool deramp, bool wallis)
    {
        var (pre, post) = TestScenes.ConstantShift(128, TestScenes.Oversampled, seed: 85, 0.37, -0.23);
        // An intensity ramp on PRE only: what the deramp and Wallis options are for.
        var ramped = new FloatImage(128, 128);
        for (int y = 0; y < 128; y++)
            for (int x = 0; x < 128; x++)
                ramped[x, y] = pre[x, y] * 2 + 0.02f * x - 0.01f * y;
        using var correlator = new AmpcorCorrelator(new AmpcorCorrelatorOptions(Deramp: deramp, Wallis: wallis));
        var results = TestScenes.Estimate(correlator, ramped, post, TestScenes.Grid(128, 64, 32));
        Assert.All(results, r =>
        {
            Assert.True(r.IsValid);
            Assert.Equal(0.37, r.Dx, 0.03);
            Assert.Equal(-0.23, r.Dy, 0.03);
        });
    }

    [Fact]
    public void OffsetsAreOnTheZoomGrid()
    {
        // No curve fit: offsets are multiples of 1/(k·ZoomFactor) px (Ampcor's own quantisation).
        var (pre, post) = TestScenes.ConstantShift(128, TestScenes.Oversampled, seed: 86, 0.37, -0.23);
        using var correlator = new AmpcorCorrelator(new AmpcorCorrelatorOptions(ZoomFactor: 32));
        var results = TestScenes.Estimate(correlator, pre, post, TestScenes.Grid(128, 64, 32));
        Assert.All(results, r =>
        {
            Assert.Equal(0, Math.Abs(r.Dx * 64 - Math.Round(r.Dx * 64)), 1e-3);
            Assert.Equal(0, Math.Abs(r.Dy * 64 - Math.Round(r.Dy * 64)), 1e-3);
        });
    }

    [Fact]
    public void SmoothingTheOversampledChipsKeepsMoreOfTheSignal()
    {
        // [1 2 1]/4 on the native chips weighs the cross-spectrum by cos⁴(πω) (0 at Nyquist), on the 2×-oversampled
        // chips by cos⁴(πω/2) (¼ at Nyquist): single-look amplitude keeps more of its high-frequency match, so the
        // correlation peak stands higher above the surface — SNR between the native-smoothed and the unsmoothed chips.
        var simulator = new FaultDeformSimulator(new FaultDeformOptions { Coherence = (0.75, 0.75), ChangeProbability = 0 });
        var sample = simulator.Generate(256, 7);
        var (pre, post) = (new FloatImage(256, 256, sample.Pre), new FloatImage(256, 256, sample.Post));
        var origins = TestScenes.Grid(256, 64, 32);
        double MeanSnr(AmpcorCorrelatorOptions options)
        {
            using var correlator = new AmpcorCorrelator(options with { MinSnr = 0 });
            var results = new AmpcorOffset[origins.Length];
            correlator.EstimateDetailed(pre, post, origins, results);
            return results.Average(r => (double)r.Snr);
        }
        double native = MeanSnr(new AmpcorCorrelatorOptions(Smoothing: 3, SmoothOversampled: false));
        double oversampled = MeanSnr(new AmpcorCorrelatorOptions(Smoothing: 3, SmoothOversampled: true));
        double none = MeanSnr(new AmpcorCorrelatorOptions(Smoothing: 0));
        Assert.True(native < oversampled && oversampled < none, $"mean SNR native-smoothed {native:F2}, oversampled-smoothed {oversampled:F2}, unsmoothed {none:F2}");
    }

    [Theory]
    [InlineData(AmpcorPeak.Zoom, 0.01)]
    [InlineData(AmpcorPeak.ZoomParabola, 0.01)]
    [InlineData(AmpcorPeak.Parabola, 0.1)]
    public void EveryPeakMethodFindsTheSubPixelShift(AmpcorPeak peak, double tolerance)
    {
        var (pre, post) = TestScenes.ConstantShift(192, TestScenes.Oversampled, seed: 87, 0.37, -0.23);
        using var correlator = new AmpcorCorrelator(new AmpcorCorrelatorOptions(Peak: peak));
        var results = TestScenes.Estimate(correlator, pre, post, TestScenes.Grid(192, 64, 32));
        Assert.All(results, r => Assert.True(r.IsValid));
        double ex = results.Average(r => Math.Abs(r.Dx - 0.37)), ey = results.Average(r => Math.Abs(r.Dy + 0.23));
        Assert.True(ex <= tolerance && ey <= tolerance, $"{peak}: mean |error| ({ex:F4}, {ey:F4}) px > {tolerance} px");
    }

    [Fact]
    public void TheBareParabolaPeakLocks_TheZoomDoesNot()
    {
        // Data not oversampled: a 3-point parabola through the integer-lag NCC samples (OpenCV's usual finish) pulls a
        // (0.37, −0.23) px shift toward whole pixels; the zoomed surface does not.
        var (pre, post) = TestScenes.ConstantShift(192, TestScenes.Oversampled, seed: 88, 0.37, -0.23);
        var origins = TestScenes.Grid(192, 64, 32);
        (double Dx, double Dy) MeanError(AmpcorPeak peak)
        {
            using var correlator = new AmpcorCorrelator(new AmpcorCorrelatorOptions(DataOversampling: 1, ZoomWindow: 8, Peak: peak));
            var results = TestScenes.Estimate(correlator, pre, post, origins);
            Assert.All(results, r => Assert.True(r.IsValid));
            return (results.Average(r => Math.Abs(r.Dx - 0.37)), results.Average(r => Math.Abs(r.Dy + 0.23)));
        }
        var zoom = MeanError(AmpcorPeak.Zoom);
        var parabola = MeanError(AmpcorPeak.Parabola);
        Assert.True(parabola.Dx > 0.02 && parabola.Dy > 0.02 && zoom.Dx < parabola.Dx / 2 && zoom.Dy < parabola.Dy / 2,
            $"mean |error|: parabola ({parabola.Dx:F4}, {parabola.Dy:F4}), zoom ({zoom.Dx:F4}, {zoom.Dy:F4}) px");
    }

    [Fact]
    public void OptionsAreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AmpcorCorrelator(new AmpcorCorrelatorOptions(SearchRadius: 3, ZoomWindow: 16)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AmpcorCorrelator(new AmpcorCorrelatorOptions(ZoomWindow: 7)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AmpcorCorrelator(new AmpcorCorrelatorOptions(Window: 16)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AmpcorCorrelator(new AmpcorCorrelatorOptions(Peak: (AmpcorPeak)7)));
    }

    private static FloatImage WithNoise(FloatImage image, double sigma, int seed)
    {
        var random = new Random(seed);
        var noisy = new FloatImage(image.Width, image.Height);
        double rms = Math.Sqrt(image.Pixels.Average(v => (double)v * v));
        for (int i = 0; i < image.Pixels.Length; i++)
        {
            double g = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            noisy.Pixels[i] = (float)(image.Pixels[i] + sigma * rms * g);
        }
        return noisy;
    }
}
