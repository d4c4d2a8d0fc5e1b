using GeoFlowNetSar.Cli.Tests.Support;
using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Raster.Reading;

namespace GeoFlowNetSar.Cli.Tests;

public class RunCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TheClusterPathOnAnEmbeddedSiloGivesTheEstimateMosaic()
    {
        string pre = _dir.File("pre.tif"), post = _dir.File("post.tif"), viaRun = _dir.File("run.tif"), viaEstimate = _dir.File("estimate.tif");
        TestRasters.Speckle(pre, 200, 180, seed: 8);
        TestRasters.Speckle(post, 200, 180, seed: 8, dx: 0.3, dy: 0.2);
        string[] common = ["--pre", pre, "--post", post, "--method", "spatial", "--window", "64", "--step", "16", "--threads", "1"];
        var run = CliProcess.Run(["run", .. common, "--out", viaRun]);
        Assert.True(run.ExitCode == 0, run.All);
        var estimate = CliProcess.Run(["estimate", .. common, "--out", viaEstimate]);
        Assert.True(estimate.ExitCode == 0, estimate.All);
        for (int band = 1; band <= 2; band++)
            Assert.True(DisplacementMetrics.MaxAbsDifference(Read(viaRun, band), Read(viaEstimate, band)) <= 1e-6);
        Assert.True(File.Exists(_dir.File("run.quicklook.png")));
        Assert.True(File.Exists(_dir.File("run.report.json")));
    }

    [Fact]
    public void AFailedSceneReportsTheReasonAndWritesNothing()
    {
        string pre = _dir.File("pre.tif"), small = _dir.File("small.tif");
        TestRasters.Speckle(pre, 128, 128);
        TestRasters.Speckle(small, 96, 128);
        var result = CliProcess.Run("run", "--pre", pre, "--post", small, "--out", _dir.File("out.tif"), "--window", "64", "--step", "32", "--threads", "1");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr);
        Assert.False(File.Exists(_dir.File("out.tif")));
    }

    private static float[] Read(string path, int band)
    {
        using var source = GdalAmplitudeSource.Open(path, new AmplitudeReadOptions { Band = band });
        return source.ReadImage().Pixels;
    }
}
