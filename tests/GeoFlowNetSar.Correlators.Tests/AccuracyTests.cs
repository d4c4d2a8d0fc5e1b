using GeoFlowNetSar.TorchSupport;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Correlators.Tests;

/// <summary>
/// Constant shifts of 2×-oversampled speckle amplitude (fmax ¼), run through the pipeline (chunked, interpolated to
/// full resolution), scored over the interior. Every method, every case: mean |error| ≤ 0.01 px per axis, max ≤ 0.02 px.
/// </summary>
public class AccuracyTests(ITestOutputHelper output)
{
    private const int Size = 192;
    private const int Margin = 32;

    static AccuracyTests() => TorchRuntime.Configure(1);

    public static TheoryData<string, double, double> Shifts()
    {
        var data = new TheoryData<string, double, double>();
        foreach (var method in Methods.All)
        {
            data.Add(method, 2, -3);        // integer, both axes, negative
            data.Add(method, 0.37, -0.23);  // sub-pixel, both axes, negative
            data.Add(method, -1.6, 0.8);    // integer and fraction, negative x
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shifts))]
    public void ConstantShiftIsFoundWithinOneHundredthOfAPixel(string method, double dx, double dy)
    {
        var (meanX, maxX, meanY, maxY) = Run(method, dx, dy, seed: 31);
        output.WriteLine($"{method} ({dx}, {dy}): mean |e| ({meanX:F4}, {meanY:F4}) max ({maxX:F4}, {maxY:F4})");
        Assert.True(meanX <= 0.01 && meanY <= 0.01, $"{method}: mean |error| ({meanX:F4}, {meanY:F4}) px > 0.01 px");
        Assert.True(maxX <= 0.02 && maxY <= 0.02, $"{method}: max |error| ({maxX:F4}, {maxY:F4}) px > 0.02 px");
    }

    [Theory]
    [MemberData(nameof(Methods.AllData), MemberType = typeof(Methods))]
    public void ZeroShiftIsFoundWithinThreeThousandthsOfAPixel(string method)
    {
        var (meanX, maxX, meanY, maxY) = Run(method, 0, 0, seed: 32);
        output.WriteLine($"{method} (0, 0): mean |e| ({meanX:F4}, {meanY:F4}) max ({maxX:F4}, {maxY:F4})");
        Assert.True(meanX <= 0.003 && meanY <= 0.003, $"{method}: mean |error| ({meanX:F4}, {meanY:F4}) px > 0.003 px");
        Assert.True(maxX <= 0.01 && maxY <= 0.01, $"{method}: max |error| ({maxX:F4}, {maxY:F4}) px > 0.01 px");
    }

    private static (double MeanX, double MaxX, double MeanY, double MaxY) Run(string method, double dx, double dy, int seed)
    {
        var (pre, post) = TestScenes.ConstantShift(Size, TestScenes.Oversampled, seed, dx, dy);
        using var estimator = Methods.Create(method);
        var (mosaicDx, mosaicDy, report) = TestScenes.RunPipeline(pre, post, estimator, chunkSize: 80);
        Assert.Equal(0L, report.WindowsWithoutEstimate);
        var (meanX, maxX, missingX) = TestScenes.InteriorError(mosaicDx, dx, Margin);
        var (meanY, maxY, missingY) = TestScenes.InteriorError(mosaicDy, dy, Margin);
        Assert.Equal(0, missingX + missingY);
        return (meanX, maxX, meanY, maxY);
    }
}
