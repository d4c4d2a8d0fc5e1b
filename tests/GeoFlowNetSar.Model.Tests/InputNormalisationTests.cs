using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Model.Network;

namespace GeoFlowNetSar.Model.Tests;

public class InputNormalisationTests
{
    private static float[] Speckle(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(0.1 + random.NextDouble() * 3)).ToArray();
    }

    [Fact]
    public void GivesZeroMeanUnitVarianceLogAmplitude()
    {
        var a = Speckle(1000, 1);
        var v = new float[a.Length];
        Assert.True(InputNormalisation.Normalise(a, v));
        Assert.Equal(0, v.Average(), 5);
        Assert.Equal(1, Math.Sqrt(v.Select(x => (double)x * x).Average()), 4);
        // Monotonic in the amplitude (a log transform, not a re-ordering).
        int brightest = Array.IndexOf(a, a.Max());
        Assert.Equal(v.Max(), v[brightest]);
    }

    [Fact]
    public void DoesNotDependOnTheCalibrationScale()
    {
        var a = Speckle(500, 2);
        var scaled = a.Select(x => x * 1234.5f).ToArray();
        var v1 = new float[a.Length];
        var v2 = new float[a.Length];
        InputNormalisation.Normalise(a, v1);
        InputNormalisation.Normalise(scaled, v2);
        for (int i = 0; i < a.Length; i++) Assert.Equal(v1[i], v2[i], 4);
    }

    [Fact]
    public void ConstantOrMostlyInvalidPatchesAreUnusable()
    {
        var v = new float[100];
        Assert.False(InputNormalisation.Normalise(Enumerable.Repeat(3f, 100).ToArray(), v));
        Assert.All(v, x => Assert.Equal(0f, x));

        var a = Speckle(100, 3);
        for (int i = 0; i < 11; i++) a[i * 9] = float.NaN;
        Assert.False(InputNormalisation.Normalise(a, v));

        var b = Speckle(100, 4);
        for (int i = 0; i < 10; i++) b[i * 9] = float.PositiveInfinity;
        Assert.True(InputNormalisation.Normalise(b, v));
        Assert.All(v, x => Assert.True(float.IsFinite(x)));
    }

    [Fact]
    public void WindowsAreCutFromTheImage()
    {
        var image = new FloatImage(8, 8, Speckle(64, 5));
        var window = new float[16];
        InputNormalisation.NormaliseWindow(image, new WindowOrigin(2, 3), 4, window);
        var expected = new float[16];
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 4; x++)
                expected[y * 4 + x] = image[2 + x, 3 + y];
        InputNormalisation.Normalise(expected, expected);
        Assert.Equal(expected, window);
        Assert.Throws<ArgumentOutOfRangeException>(() => InputNormalisation.NormaliseWindow(image, new WindowOrigin(5, 0), 4, window));
    }
}
