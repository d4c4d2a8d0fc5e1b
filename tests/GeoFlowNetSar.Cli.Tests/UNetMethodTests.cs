using GeoFlowNetSar.Cli.Tests.Support;
using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Model.Network;
using GeoFlowNetSar.Model.Weights;
using GeoFlowNetSar.Raster.Reading;

namespace GeoFlowNetSar.Cli.Tests;

public class UNetMethodTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void UNetRunsThroughThePipelineWithTheWeightsNamedByTheEnvironment()
    {
        string weights = _dir.File("tiny.gfnw"), pre = _dir.File("pre.tif"), post = _dir.File("post.tif"), output = _dir.File("d.tif");
        TorchSharp.torch.manual_seed(5);
        using (var model = new GeoFlowNetUNet(new UNetArchitecture(0.25)))
            ModelWeights.Save(model, weights);
        TestRasters.Speckle(pre, 160, 128, seed: 2);
        TestRasters.Speckle(post, 160, 128, seed: 2, dx: 0.2);
        var result = CliProcess.RunWith(new Dictionary<string, string> { ["GEOFLOWNET_MODEL"] = weights },
            "estimate", "--method", "unet", "--pre", pre, "--post", post, "--out", output, "--window", "64", "--step", "32", "--threads", "1");
        Assert.True(result.ExitCode == 0, result.All);
        using var dx = GdalAmplitudeSource.Open(output);
        Assert.Equal(1.0, DisplacementMetrics.Coverage(dx.ReadImage().Pixels));
    }

    [Fact]
    public void UNetWithoutWeightsIsRefusedWithTheReason()
    {
        string pre = _dir.File("pre.tif");
        TestRasters.Speckle(pre, 64, 64);
        var result = CliProcess.RunWith(new Dictionary<string, string> { ["GEOFLOWNET_MODEL"] = _dir.File("missing.gfnw") },
            "estimate", "--method", "unet", "--pre", pre, "--post", pre, "--out", _dir.File("d.tif"), "--window", "64", "--step", "32");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not available", result.Stderr);
    }
}
