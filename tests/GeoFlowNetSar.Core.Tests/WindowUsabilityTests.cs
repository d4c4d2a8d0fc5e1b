using GeoFlowNetSar.Core.Estimation;

namespace GeoFlowNetSar.Core.Tests;

public class WindowUsabilityTests
{
    private static float[] Texture(int n, int seed = 3)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => 100f + (float)random.NextDouble()).ToArray();
    }

    [Theory]
    [InlineData(100, 90)]
    [InlineData(1024, 922)]   // 102 of 1 024 non-finite (9.96 %) is fine, 103 (10.06 %) is not
    [InlineData(4096, 3687)]
    [InlineData(10, 9)]
    [InlineData(1, 1)]
    public void AtMostTenPercentNonFinite(int pixels, int minFinite)
    {
        Assert.Equal(minFinite, WindowUsability.MinFiniteCount(pixels));
        Assert.True(WindowUsability.HasEnoughFinite(minFinite, pixels));
        Assert.False(WindowUsability.HasEnoughFinite(minFinite - 1, pixels));
    }

    [Fact]
    public void TenPercentNonFiniteIsUsableOneMoreIsNot()
    {
        var window = Texture(100);
        for (int i = 0; i < 10; i++) window[i * 10] = i % 2 == 0 ? float.NaN : float.NegativeInfinity;
        var statistics = WindowUsability.Measure(window);
        Assert.Equal(90, statistics.Finite);
        Assert.True(statistics.IsUsable);

        window[55] = float.PositiveInfinity;
        Assert.False(WindowUsability.IsUsable(window));
        Assert.True(WindowUsability.Measure(window).IsTextured);
    }

    [Fact]
    public void ConstantAndAllZeroWindowsAreFlat()
    {
        Assert.False(WindowUsability.IsUsable(Enumerable.Repeat(1234.5f, 64).ToArray()));
        Assert.False(WindowUsability.IsUsable(new float[64]));
        Assert.False(WindowUsability.IsUsable(Enumerable.Repeat(float.NaN, 64).ToArray()));
        Assert.False(WindowUsability.IsUsable(ReadOnlySpan<float>.Empty));
    }

    [Fact]
    public void FlatnessIsRelativeToTheMean()
    {
        // One pixel off by 1e-3 on a mean of 1: std ≈ 1.2e-4, far above 1e-6 of the mean — texture.
        var window = Enumerable.Repeat(1f, 64).ToArray();
        window[7] = 1.001f;
        Assert.True(WindowUsability.IsUsable(window));
        // The same deviation on a mean of 1e4 is float rounding: std/mean ≈ 1e-8 — flat.
        Assert.False(WindowUsability.IsTextured(mean: 1e4, std: 1e-4));
        Assert.True(WindowUsability.IsTextured(mean: 1e4, std: 0.1));
        // Around a zero mean any spread counts.
        Assert.True(WindowUsability.IsTextured(mean: 0, std: 1e-20));
        Assert.False(WindowUsability.IsTextured(mean: 0, std: 0));
    }

    [Fact]
    public void StatisticsAreOverFinitePixelsWithNegativesClampedOnRequest()
    {
        float[] window = [1f, 3f, float.NaN, -2f];
        var plain = WindowUsability.Measure(window);
        Assert.Equal(4, plain.Pixels);
        Assert.Equal(3, plain.Finite);
        Assert.Equal(2.0 / 3, plain.Mean, 12);
        Assert.Equal(Math.Sqrt((1.0 / 9 + 49.0 / 9 + 64.0 / 9) / 3), plain.Std, 12);

        var amplitude = WindowUsability.Measure(window, negativeAsZero: true);
        Assert.Equal(4.0 / 3, amplitude.Mean, 12);
        Assert.Equal(Math.Sqrt((1.0 / 9 + 25.0 / 9 + 16.0 / 9) / 3), amplitude.Std, 12);
    }
}
