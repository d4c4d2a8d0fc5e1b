using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Core.Tiling;
using GeoFlowNetSar.Model.Inference;
using GeoFlowNetSar.Model.Network;
using GeoFlowNetSar.Model.Weights;
using GeoFlowNetSar.Synthesis.Textures;
using TorchSharp;

namespace GeoFlowNetSar.Model.Tests;

public sealed class EstimatorTests : IDisposable
{
    private const int Window = 32;
    private readonly string _dir = Directory.CreateTempSubdirectory("gfn-estimator-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static UNetEstimator Small(int batch = 4, InferencePrecision precision = InferencePrecision.Float32)
    {
        torch.manual_seed(8);
        return new UNetEstimator(new GeoFlowNetUNet(new UNetArchitecture(0.25)), new UNetEstimatorOptions(Window, 16, batch, precision));
    }

    private static (FloatImage Pre, FloatImage Post) Pair(int width, int height)
    {
        var field = new PlaneWaveField(64, 0.25, seed: 4);
        return (field.Amplitude(width, height), field.Amplitude(width, height, 0.4, -0.3));
    }

    [Fact]
    public void DescribesItselfAsADenseWindowEstimator()
    {
        using var estimator = new UNetEstimator(new GeoFlowNetUNet(new UNetArchitecture(0.25)));
        Assert.Equal("unet", estimator.Method);
        Assert.Equal(256, estimator.WindowSize);
        Assert.Equal(128, estimator.Step);
        Assert.Equal(EstimateFootprint.DenseWindow, estimator.Footprint);
        Assert.Equal(8, estimator.PreferredBatchSize);
    }

    [Fact]
    public void ConstantOrInvalidWindowsGiveNaNAndTexturedWindowsFiniteValues()
    {
        var (pre, post) = Pair(96, 64);
        // Window 1 (x 32..63): constant POST. Window 2 (x 64..95): 20 % NaN in PRE.
        for (int y = 0; y < Window; y++)
            for (int x = 32; x < 64; x++) post[x, y] = 2.5f;
        for (int y = 0; y < Window; y++)
            for (int x = 64; x < 96; x += 5) pre[x, y] = float.NaN;
        WindowOrigin[] origins = [new(0, 0), new(32, 0), new(64, 0), new(0, 32), new(64, 32)];
        var dx = new float[origins.Length * Window * Window];
        var dy = new float[dx.Length];
        using var estimator = Small(batch: 2);
        estimator.Estimate(pre, post, origins, dx, dy);

        bool[] expectNaN = [false, true, true, false, false];
        for (int w = 0; w < origins.Length; w++)
        {
            var wx = dx.AsSpan(w * Window * Window, Window * Window).ToArray();
            var wy = dy.AsSpan(w * Window * Window, Window * Window).ToArray();
            if (expectNaN[w])
            {
                Assert.All(wx, v => Assert.True(float.IsNaN(v)));
                Assert.All(wy, v => Assert.True(float.IsNaN(v)));
            }
            else
            {
                Assert.All(wx, v => Assert.True(float.IsFinite(v)));
                Assert.All(wy, v => Assert.True(float.IsFinite(v)));
            }
        }
    }

    [Fact]
    public void ResultsDoNotDependOnTheBatching()
    {
        var (pre, post) = Pair(80, 48);
        WindowOrigin[] origins = [new(0, 0), new(16, 16), new(48, 0), new(40, 10), new(8, 4)];
        float[] Run(int batch)
        {
            var dx = new float[origins.Length * Window * Window];
            var dy = new float[dx.Length];
            using var estimator = Small(batch);
            estimator.Estimate(pre, post, origins, dx, dy);
            return dx.Concat(dy).ToArray();
        }
        var one = Run(1);
        var three = Run(3);
        double worst = one.Zip(three, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst <= 1e-6, $"max |diff| between batch 1 and batch 3: {worst}");
    }

    [Fact]
    public void BFloat16RunsCloseToFloat32()
    {
        var (pre, post) = Pair(64, 32);
        WindowOrigin[] origins = [new(0, 0), new(32, 0)];
        float[] Run(InferencePrecision precision)
        {
            var dx = new float[origins.Length * Window * Window];
            var dy = new float[dx.Length];
            using var estimator = Small(precision: precision);
            estimator.Estimate(pre, post, origins, dx, dy);
            return dx.Concat(dy).ToArray();
        }
        var full = Run(InferencePrecision.Float32);
        var half = Run(InferencePrecision.BFloat16);
        double scale = full.Max(v => Math.Abs(v));
        double worst = full.Zip(half, (a, b) => Math.Abs(a - b)).Max();
        Assert.All(half, v => Assert.True(float.IsFinite(v)));
        Assert.True(worst <= 0.05 * scale + 1e-3, $"bf16 vs fp32: max |diff| {worst}, scale {scale}");
    }

    [Fact]
    public void LoadsFromACompactWeightsFileAndReportsItsHash()
    {
        torch.manual_seed(8);
        using var model = new GeoFlowNetUNet(new UNetArchitecture(0.25));
        string path = Path.Combine(_dir, "m.gfnw");
        var info = ModelWeights.Save(model, path);
        using var estimator = UNetEstimator.Load(path, new UNetEstimatorOptions(Window, 16));
        Assert.Equal(info.PayloadSha256, estimator.ModelHash);
        Assert.Equal(0.25, estimator.Architecture.WidthMultiplier);
    }
    /// <summary>
    /// Mirroring the pair's columns must mirror the field and negate dx (rows: negate dy). Flip averaging makes the
    /// estimator obey this exactly, whatever its weights; an untrained single prediction does not.
    /// </summary>
    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void FlipAveragingMakesThePredictionMirrorEquivariant(bool columns, bool flipAverage)
    {
        var (pre, post) = Pair(Window, Window);
        var (dx, dy) = EstimateOne(pre, post, flipAverage);
        var (mdx, mdy) = EstimateOne(Mirror(pre, columns), Mirror(post, columns), flipAverage);
        double worst = 0, scale = 0;
        for (int y = 0; y < Window; y++)
            for (int x = 0; x < Window; x++)
            {
                int source = columns ? y * Window + (Window - 1 - x) : (Window - 1 - y) * Window + x;
                float expectDx = columns ? -dx[source] : dx[source];
                float expectDy = columns ? dy[source] : -dy[source];
                worst = Math.Max(worst, Math.Max(Math.Abs(mdx[y * Window + x] - expectDx), Math.Abs(mdy[y * Window + x] - expectDy)));
                scale = Math.Max(scale, Math.Max(Math.Abs(dx[source]), Math.Abs(dy[source])));
            }
        Assert.True(scale > 1e-3, $"the untrained network predicts a field (max |d| {scale})");
        if (flipAverage) Assert.True(worst <= 1e-5 * Math.Max(1, scale), $"max deviation from mirror equivariance {worst}");
        else Assert.True(worst > 1e-3 * scale, $"a single prediction is not equivariant by construction (deviation {worst})");
    }

    private static (float[] Dx, float[] Dy) EstimateOne(FloatImage pre, FloatImage post, bool flipAverage)
    {
        torch.manual_seed(8);
        using var estimator = new UNetEstimator(new GeoFlowNetUNet(new UNetArchitecture(0.25)),
            new UNetEstimatorOptions(Window, 16, FlipAveraging: flipAverage));
        var dx = new float[Window * Window];
        var dy = new float[dx.Length];
        estimator.Estimate(pre, post, [new WindowOrigin(0, 0)], dx, dy);
        return (dx, dy);
    }

    private static FloatImage Mirror(FloatImage image, bool columns)
    {
        var mirrored = new FloatImage(image.Width, image.Height);
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
                mirrored[x, y] = columns ? image[image.Width - 1 - x, y] : image[x, image.Height - 1 - y];
        return mirrored;
    }
    [Theory]
    [InlineData(null, InferencePrecision.BFloat16)]
    [InlineData("auto", InferencePrecision.BFloat16)]
    [InlineData("FP32", InferencePrecision.Float32)]
    [InlineData("bf16", InferencePrecision.BFloat16)]
    public void AutomaticPrecisionIsBFloat16OnTheCpu_AndAnExplicitChoiceWins(string? text, InferencePrecision expected) =>
        Assert.Equal(expected, InferencePrecisions.ForDevice(InferencePrecisions.Parse(text), torch.CPU));

    [Fact]
    public void AnUnknownPrecisionIsRefusedWithTheChoices()
    {
        var error = Assert.Throws<ArgumentException>(() => InferencePrecisions.Parse("fp8"));
        Assert.Contains("auto, fp32 or bf16", error.Message);
    }
}
