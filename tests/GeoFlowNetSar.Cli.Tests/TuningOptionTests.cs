using GeoFlowNetSar.Cli.Tests.Support;
using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Raster.Reading;

namespace GeoFlowNetSar.Cli.Tests;

/// <summary>--min-correlation, --min-snr, --subpixel: wired through to the correlators, and refused clearly when wrong.</summary>
public class TuningOptionTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public TuningOptionTests()
    {
        TestRasters.Speckle(Pre, 160, 160, seed: 7);
        TestRasters.Speckle(Post, 160, 160, seed: 7, dx: 0.42, dy: -0.31);
    }

    private string Pre => _dir.File("pre.tif");
    private string Post => _dir.File("post.tif");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("frequency", "--min-snr", "3", "--min-snr (ampcor only)")]
    [InlineData("spatial", "--subpixel", "upsampled-dft", "--subpixel (frequency only)")]
    [InlineData("frequency", "--min-correlation", "1.5", "--min-correlation must be in [0, 1] (got 1.5)")]
    [InlineData("ampcor", "--min-snr", "-1", "--min-snr must be a finite number ≥ 0 (got -1)")]
    [InlineData("frequency", "--subpixel", "parabola", "--subpixel 'parabola': expected phase-plane or upsampled-dft")]
    public void WrongTuningIsOneClearErrorAndWritesNothing(string method, string option, string value, string message)
    {
        var result = Estimate("d.tif", "--method", method, option, value);
        Assert.True(result.ExitCode == 2, result.All);
        Assert.StartsWith("error: ", result.Stderr);
        Assert.Contains(message, result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.False(File.Exists(_dir.File("d.tif")));
    }

    [Fact]
    public void SubPixelMethodChangesTheEstimateAndBothFindTheShift()
    {
        var plane = Estimate("plane.tif", "--method", "frequency", "--subpixel", "phase-plane");
        var dft = Estimate("dft.tif", "--method", "frequency", "--subpixel", "upsampled-dft");
        Assert.True(plane.ExitCode == 0 && dft.ExitCode == 0, plane.All + dft.All);
        float[] planeDx = Band("plane.tif", 1), dftDx = Band("dft.tif", 1);
        Assert.True(Mae(planeDx, 0.42) < 0.02, $"phase-plane dx MAE {Mae(planeDx, 0.42)}");
        Assert.True(Mae(dftDx, 0.42) < 0.02, $"upsampled-DFT dx MAE {Mae(dftDx, 0.42)}");
        Assert.True(Mae(Band("dft.tif", 2), -0.31) < 0.02, $"upsampled-DFT dy MAE {Mae(Band("dft.tif", 2), -0.31)}");
        double largest = planeDx.Zip(dftDx, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(largest > 1e-4, $"the two sub-pixel methods gave the same dx (max |diff| {largest})");
    }

    [Theory]
    [InlineData("ampcor", "--min-snr", "1000")]
    [InlineData("spatial", "--min-correlation", "1")]
    [InlineData("frequency", "--min-correlation", "1")]
    public void AThresholdNoWindowReachesMasksEverythingWhileTheDefaultKeepsAll(string method, string option, string value)
    {
        var kept = Estimate("kept.tif", "--method", method);
        var masked = Estimate("masked.tif", "--method", method, option, value);
        Assert.True(kept.ExitCode == 0 && masked.ExitCode == 0, kept.All + masked.All);
        Assert.Equal(1.0, DisplacementMetrics.Coverage(Band("kept.tif", 1)));
        Assert.Equal(0.0, DisplacementMetrics.Coverage(Band("masked.tif", 1)));
        Assert.Contains("no window had an estimate", masked.All);
    }

    private CliProcess.Result Estimate(string output, params string[] extra) =>
        CliProcess.Run(["estimate", "--pre", Pre, "--post", Post, "--out", _dir.File(output), "--window", "64", "--step", "32", "--threads", "1", .. extra]);

    private float[] Band(string name, int band)
    {
        using var source = GdalAmplitudeSource.Open(_dir.File(name), new AmplitudeReadOptions { Band = band });
        return source.ReadImage().Pixels;
    }

    private static double Mae(float[] values, double truth) => values.Where(float.IsFinite).Average(v => Math.Abs(v - truth));
}
