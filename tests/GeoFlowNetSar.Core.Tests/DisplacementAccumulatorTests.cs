using GeoFlowNetSar.Core.Accumulation;
using GeoFlowNetSar.Core.Rasters;

namespace GeoFlowNetSar.Core.Tests;

public class DisplacementAccumulatorTests
{
    [Fact]
    public void WeightedDenseWindowsGiveTheWeightedMeanAndSpread()
    {
        var acc = new DisplacementAccumulator(new PixelRect(0, 0, 2, 1));
        acc.AddDense(new PixelRect(0, 0, 2, 1), [0f, 0f], [1f, 1f], [1.0, 3.0], [1.0]);
        acc.AddDense(new PixelRect(0, 0, 2, 1), [4f, 4f], [1f, 1f], [3.0, 1.0], [1.0]);
        var dx = new float[2]; var dy = new float[2]; var sx = new float[2]; var sy = new float[2];
        acc.Finalise(0, 1, dx, dy, sx, sy);
        // Pixel 0: weights 1 and 3 on 0 and 4 → mean 3, variance (1·9 + 3·1)/4 = 3. Pixel 1: weights 3 and 1 → mean 1.
        Assert.Equal([3f, 1f], dx);
        Assert.Equal([1f, 1f], dy);
        Assert.Equal(Math.Sqrt(3), sx[0], 5);
        Assert.Equal(Math.Sqrt(3), sx[1], 5);
        Assert.Equal([0f, 0f], sy);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(32)]
    public void HannBlendWeightsOfWindowsAtHalfStrideSumToOnePlusTheFloors(int size)
    {
        var w = DenseBlendWeights.Hann(size);
        for (int i = 0; i < size / 2; i++)
            Assert.Equal(1 + 2 * DenseBlendWeights.Floor, w[i] + w[i + size / 2], 12);
        Assert.True(w[size / 2] > 0.99 && w[0] < 0.03, "centre trusted most, edge least");
    }

    [Fact]
    public void MeanAndSpreadOfOverlappingDenseWindows()
    {
        var acc = new DisplacementAccumulator(new PixelRect(0, 0, 4, 1));
        acc.AddDense(new PixelRect(0, 0, 3, 1), [1f, 1f, 1f], [0f, 0f, 0f]);
        acc.AddDense(new PixelRect(1, 0, 3, 1), [3f, 3f, 3f], [2f, 2f, 2f]);
        var dx = new float[4]; var dy = new float[4]; var sx = new float[4]; var sy = new float[4];
        acc.Finalise(0, 1, dx, dy, sx, sy);
        Assert.Equal([1f, 2f, 2f, 3f], dx);
        Assert.Equal([0f, 1f, 1f, 2f], dy);
        Assert.Equal([0f, 1f, 1f, 0f], sx);
    }

    [Fact]
    public void MergingTwoHalvesEqualsAccumulatingOnce()
    {
        var whole = new DisplacementAccumulator(new PixelRect(0, 0, 6, 2));
        var left = new DisplacementAccumulator(new PixelRect(0, 0, 4, 2));
        var right = new DisplacementAccumulator(new PixelRect(2, 0, 4, 2));
        float[] a = [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f];
        float[] b = [-0.4f, 0.25f, 1.5f, 2f, -1f, 0f, 0.125f, 3f];
        whole.AddDense(new PixelRect(0, 0, 4, 2), a, b);
        whole.AddDense(new PixelRect(2, 0, 4, 2), b, a);
        left.AddDense(new PixelRect(0, 0, 4, 2), a, b);
        right.AddDense(new PixelRect(2, 0, 4, 2), b, a);
        var merged = new DisplacementAccumulator(new PixelRect(0, 0, 6, 2));
        merged.Merge(left);
        merged.Merge(right);
        Assert.Equal(whole.SumDx, merged.SumDx);
        Assert.Equal(whole.SumDy2, merged.SumDy2);
        Assert.Equal(whole.Weight, merged.Weight);
    }

    [Fact]
    public void InvalidInputAndMissingEstimatesBecomeNaN()
    {
        var acc = new DisplacementAccumulator(new PixelRect(10, 5, 3, 1));
        acc.AddDense(new PixelRect(10, 5, 2, 1), [1f, float.NaN], [1f, 1f]);
        acc.MarkInvalid(new PixelRect(10, 5, 1, 1), [true]);
        var dx = new float[3]; var dy = new float[3];
        acc.Finalise(5, 1, dx, dy, Span<float>.Empty, Span<float>.Empty);
        Assert.All(dx, v => Assert.True(float.IsNaN(v)));
    }
}

public class FaultProximityTests
{
    [Fact]
    public void PixelsWithinTheRadiusOfAStepAreNearTheFault()
    {
        const int w = 30, h = 5;
        var dx = new float[w * h];
        var dy = new float[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 15; x < w; x++) dx[y * w + x] = 1f;
        var near = GeoFlowNetSar.Core.Metrics.FaultProximity.NearFault(dx, dy, w, h, jump: 0.5, radius: 3);
        // The step is between columns 14 and 15: both are on it, and 3 px around them are near it.
        for (int x = 0; x < w; x++) Assert.Equal(x is >= 11 and <= 18, near[2 * w + x]);
    }
}

public class DisplacementMetricsTests
{
    [Fact]
    public void MaskedErrorsCountOnlyFinitePixelsInsideTheMask()
    {
        float[] estimate = [1f, 2f, float.NaN, 4f];
        float[] truth = [0f, 0f, 0f, 0f];
        Assert.Equal((7.0, 3L), GeoFlowNetSar.Core.Metrics.DisplacementMetrics.AbsoluteErrorSum(estimate, truth));
        Assert.Equal((6.0, 2L), GeoFlowNetSar.Core.Metrics.DisplacementMetrics.AbsoluteErrorSum(estimate, truth, [false, true, true, true]));
        Assert.Equal(3.0, GeoFlowNetSar.Core.Metrics.DisplacementMetrics.MeanAbsoluteError(estimate, truth, [false, true, true, true]).Mae);
    }
}
