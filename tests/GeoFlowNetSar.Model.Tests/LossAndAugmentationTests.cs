using GeoFlowNetSar.Model.Network;
using GeoFlowNetSar.Synthesis.Samples;
using GeoFlowNetSar.TorchSupport;
using GeoFlowNetSar.Training;
using GeoFlowNetSar.Training.Data;
using GeoFlowNetSar.Training.Loss;
using GeoFlowNetSar.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GeoFlowNetSar.Model.Tests;

public class LossAndAugmentationTests
{
    private static Tensor[] PerfectPredictions(Tensor target)
    {
        return Enumerable.Range(0, 5).Select(i =>
        {
            int f = 1 << (4 - i);
            return i == 4 ? target.clone() : functional.avg_pool2d(target, f);
        }).ToArray();
    }

    [Fact]
    public void PerfectPredictionHasZeroLossAtEveryScale()
    {
        using var scope = NewDisposeScope();
        var target = randn(2, 2, 64, 48, generator: new Generator(1));
        var result = new MultiScaleLoss().Compute(PerfectPredictions(target), target);
        Assert.Equal(0f, result.Total.item<float>(), 6);
        Assert.All(result.PerScaleFinestFirst, t => Assert.Equal(0f, t.item<float>(), 6));
    }

    [Fact]
    public void EachScaleIsL1AgainstTheAreaAveragedTargetWithItsWeight()
    {
        using var scope = NewDisposeScope();
        var target = randn(1, 2, 32, 32, generator: new Generator(2));
        // Off by 0.5 px at the full resolution and by 1 px at 1/16, exact elsewhere.
        var predictions = PerfectPredictions(target);
        using var half = 0.5.ToScalar();
        using var minusOne = (-1.0).ToScalar();
        predictions[4] = predictions[4].add(half, TorchScalars.One);
        predictions[0] = predictions[0].add(minusOne, TorchScalars.One);
        var loss = new MultiScaleLoss();
        var result = loss.Compute(predictions, target);
        Assert.Equal(0.5f, result.PerScaleFinestFirst[0].item<float>(), 5);
        Assert.Equal(1f, result.PerScaleFinestFirst[4].item<float>(), 5);
        Assert.Equal(0.32 * 0.5 + 0.005 * 1, result.Total.item<float>(), 5);
        Assert.Equal([0.32, 0.08, 0.02, 0.01, 0.005], loss.WeightsFinestFirst);
    }

    [Fact]
    public void ThePooledErrorTermSeesABiasButNotZeroMeanNoise()
    {
        using var scope = NewDisposeScope();
        var target = randn(1, 2, 64, 64, generator: new Generator(3));
        // ±0.2 px checkerboard noise (zero mean over every 8×8 cell) plus, in the second case, a 0.05 px bias.
        var sign = arange(64).view(-1, 1).add(arange(64).view(1, -1)).remainder(2).mul(2).sub(1).to(ScalarType.Float32);
        using var amplitude = 0.2.ToScalar();
        using var bias = 0.05.ToScalar();
        var noise = sign.mul(amplitude).expand(1, 2, 64, 64);
        var loss = new MultiScaleLoss(pooledErrorWeight: 2, pooledErrorSize: 8);

        var noisy = PerfectPredictions(target);
        noisy[4] = target + noise;
        Assert.Equal(0f, loss.PooledError(noisy[4], target).item<float>(), 6);
        Assert.Equal(0.32 * 0.2, loss.Compute(noisy, target).Total.item<float>(), 5);

        var biased = PerfectPredictions(target);
        biased[4] = (target + noise).add(bias);
        Assert.Equal(0.05f, loss.PooledError(biased[4], target).item<float>(), 5);
        // Per pixel |±0.2 + 0.05| averages 0.2 whatever the bias: only the pooled term sees it.
        Assert.Equal(0.32 * 0.2 + 2 * 0.05, loss.Compute(biased, target).Total.item<float>(), 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiScaleLoss(pooledErrorWeight: -1));
    }

    [Fact]
    public void TheAzimuthWeightScalesTheDyErrorAgainstTheDxErrorInEveryTerm()
    {
        using var scope = NewDisposeScope();
        var target = randn(1, 2, 32, 32, generator: new Generator(4));
        // Full resolution off by 0.1 px in dx and 0.3 px in dy (a bias, so the pooled term sees it whole).
        var predictions = PerfectPredictions(target);
        predictions[4] = target + tensor(new[] { 0.1f, 0.3f }).view(1, 2, 1, 1);
        var equal = new MultiScaleLoss(pooledErrorWeight: 2, pooledErrorSize: 8);
        var azimuth = new MultiScaleLoss(pooledErrorWeight: 2, pooledErrorSize: 8, azimuthWeight: 3);

        // w = 3: weights 2/(1 + 3) = 0.5 on dx and 1.5 on dy, mean 1.
        double weightedMean = (0.5 * 0.1 + 1.5 * 0.3) / 2;
        Assert.Equal(0.32 * 0.2 + 2 * 0.2, equal.Compute(predictions, target).Total.item<float>(), 5);
        Assert.Equal(0.32 * weightedMean + 2 * weightedMean, azimuth.Compute(predictions, target).Total.item<float>(), 5);
        // The logged per-scale terms stay unweighted.
        Assert.Equal(0.2f, azimuth.Compute(predictions, target).PerScaleFinestFirst[0].item<float>(), 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiScaleLoss(azimuthWeight: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiScaleLoss(azimuthWeight: double.NaN));
    }

    private static SarPairSample Ramp(int n)
    {
        float[] Values(int k) => Enumerable.Range(0, n * n).Select(i => (float)(i * 10 + k)).ToArray();
        return new SarPairSample(n, Values(1), Values(2), Enumerable.Repeat(0.3f, n * n).ToArray(), Enumerable.Repeat(-0.7f, n * n).ToArray(), new Dictionary<string, string>());
    }

    [Fact]
    public void FlippingColumnsNegatesDxOnly()
    {
        var s = Ramp(4);
        var f = Augmentation.FlipColumns(s);
        Assert.All(f.Dx, v => Assert.Equal(-0.3f, v));
        Assert.All(f.Dy, v => Assert.Equal(-0.7f, v));
        // Row 1 mirrored: column 0 now holds what was column 3.
        Assert.Equal(s.Pre[1 * 4 + 3], f.Pre[1 * 4 + 0]);
        Assert.Equal(s.Post[2 * 4 + 0], f.Post[2 * 4 + 3]);
    }

    [Fact]
    public void FlippingRowsNegatesDyOnly()
    {
        var s = Ramp(4);
        var f = Augmentation.FlipRows(s);
        Assert.All(f.Dx, v => Assert.Equal(0.3f, v));
        Assert.All(f.Dy, v => Assert.Equal(0.7f, v));
        Assert.Equal(s.Pre[3 * 4 + 1], f.Pre[0 * 4 + 1]);
    }

    [Fact]
    public void FlippedPairsStillObeyTheSignConvention()
    {
        // POST is PRE moved by +2 columns and +1 row (integer shift, exact): POST(x, y) = PRE(x − 2, y − 1).
        int n = 16;
        var random = new Random(4);
        var big = Enumerable.Range(0, (n + 4) * (n + 4)).Select(_ => (float)random.NextDouble()).ToArray();
        float Big(int x, int y) => big[(y + 2) * (n + 4) + x + 2];
        var pre = new float[n * n];
        var post = new float[n * n];
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
            {
                pre[y * n + x] = Big(x, y);
                post[y * n + x] = Big(x - 2, y - 1);
            }
        var sample = new SarPairSample(n, pre, post, Enumerable.Repeat(2f, n * n).ToArray(), Enumerable.Repeat(1f, n * n).ToArray(), new Dictionary<string, string>());
        foreach (var (fc, fr) in new[] { (true, false), (false, true), (true, true) })
        {
            var f = Augmentation.Apply(sample, fc, fr);
            int dx = (int)f.Dx[0], dy = (int)f.Dy[0];
            for (int y = 3; y < n - 3; y++)
                for (int x = 3; x < n - 3; x++)
                    Assert.Equal(f.Pre[y * n + x], f.Post[(y + dy) * n + x + dx]);
        }
    }

    [Fact]
    public void OneOptimisationStepLowersTheLossOnAFixedBatch()
    {
        torch.manual_seed(21);
        using var model = new GeoFlowNetUNet(new UNetArchitecture(0.25));
        using var optimizer = new AdamOptimizer(model.named_parameters(), 1e-3);
        var generator = new PlaneWaveShiftGenerator(new PlaneWaveShiftOptions(Waves: 64));
        var samples = Enumerable.Range(0, 4).Select(i => SampleStream.Make(generator, 5, i, 32, augment: false)).ToList();
        var loss = new MultiScaleLoss();
        using var scope = NewDisposeScope();
        var (input, target) = TrainingBatch.ToTensors(samples);
        model.train();
        optimizer.ZeroGrad();
        var before = loss.Compute(model.forward(input), target).Total;
        before.backward();
        optimizer.Step();
        float after;
        using (no_grad()) after = loss.Compute(model.forward(input), target).Total.item<float>();
        Assert.True(after < before.item<float>(), $"loss {before.item<float>()} → {after}");
    }

    [Fact]
    public void LearningRateIsCosineFromBaseToMinimum()
    {
        var options = new TrainingOptions { Steps = 101, LearningRate = 1e-3, MinLearningRate = 1e-5 };
        Assert.Equal(1e-3, LearningRateSchedule.At(0, options), 12);
        Assert.Equal(0.5 * (1e-3 + 1e-5), LearningRateSchedule.At(50, options), 12);
        Assert.Equal(1e-5, LearningRateSchedule.At(100, options), 12);
        Assert.Equal(1e-5, LearningRateSchedule.At(150, options), 12);
        var warm = options with { WarmupSteps = 9 };
        Assert.Equal(1e-4, LearningRateSchedule.At(0, warm), 12);
        Assert.Equal(1e-3, LearningRateSchedule.At(9, warm), 12);
    }
}

public class AdamOptimizerTests
{
    [Fact]
    public void MatchesTorchSharpsAdam()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(5);
        using var a = new GeoFlowNetUNet(new UNetArchitecture(0.125));
        torch.manual_seed(5);
        using var b = new GeoFlowNetUNet(new UNetArchitecture(0.125));
        using var ours = new AdamOptimizer(a.named_parameters(), 1e-2);
        using var reference = torch.optim.Adam(b.parameters(), lr: 1e-2);
        var input = randn(2, 2, 32, 32, generator: new Generator(3));
        var target = randn(2, 2, 32, 32, generator: new Generator(4));
        for (int i = 0; i < 3; i++)
        {
            ours.ZeroGrad();
            (a.forward(input)[^1] - target).abs().mean().backward();
            ours.Step();
            reference.zero_grad();
            (b.forward(input)[^1] - target).abs().mean().backward();
            reference.step();
        }
        var pa = a.parameters().ToList();
        var pb = b.parameters().ToList();
        for (int i = 0; i < pa.Count; i++)
        {
            var x = pa[i].data<float>().ToArray();
            var y = pb[i].data<float>().ToArray();
            for (int k = 0; k < x.Length; k++) Assert.Equal(y[k], x[k], 5);
        }
        Assert.Equal(3, ours.StepCount);
    }
}
