using GeoFlowNetSar.Model.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Model.Tests;

public class NetworkTests
{
    [Theory]
    [InlineData(64, 64)]
    [InlineData(128, 96)]
    public void PredictsTwoChannelsAtEveryScaleCoarsestFirst(int height, int width)
    {
        torch.manual_seed(1);
        using var model = new GeoFlowNetUNet();
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        var predictions = model.forward(randn(2, 2, height, width));
        Assert.Equal(5, predictions.Length);
        for (int i = 0; i < 5; i++)
        {
            int factor = 1 << (4 - i);
            Assert.Equal(new long[] { 2, 2, height / factor, width / factor }, predictions[i].shape);
        }
    }

    [Fact]
    public void SidesThatAreNotMultiplesOf16Work()
    {
        using var model = new GeoFlowNetUNet(new UNetArchitecture(0.25));
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        var predictions = model.forward(randn(1, 2, 50, 37));
        Assert.Equal(new long[] { 1, 2, 50, 37 }, predictions[^1].shape);
        Assert.Equal(new long[] { 1, 2, 4, 3 }, predictions[0].shape);
    }

    [Fact]
    public void PaperWidthHasAbout6MillionParameters()
    {
        using var model = new GeoFlowNetUNet();
        Assert.Equal(5_947_754, model.ParameterCount);
        Assert.InRange(model.ParameterCount, 5_000_000, 7_000_000);
        Assert.Equal(new[] { 32, 64, 128, 256, 512 }, model.Architecture.Channels);
    }

    [Fact]
    public void HalfWidthHasAbout1Point5MillionParameters()
    {
        using var model = new GeoFlowNetUNet(new UNetArchitecture(0.5));
        Assert.Equal(1_494_202, model.ParameterCount);
        Assert.Equal(new[] { 16, 32, 64, 128, 256 }, model.Architecture.Channels);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public void TheLayerTableMatchesTheModelsParameters(double width)
    {
        // The FLOP count of the benchmarks rests on this table: its weights and biases must be exactly the model's.
        var architecture = new UNetArchitecture(width);
        using var model = new GeoFlowNetUNet(architecture);
        var layers = architecture.Convolutions(256).ToList();
        Assert.Equal(model.ParameterCount, layers.Sum(l => l.Weights + l.OutChannels));
        Assert.Equal(model.named_parameters().Count(p => p.name.EndsWith("weight", StringComparison.Ordinal)), layers.Count);
    }

    [Fact]
    public void MultiplyAccumulates_OfThePaperNetworkAt256()
    {
        // enc 2→32…256→512 at 256², 128², …, 16²; coarse head; per decoder scale up (4·Cin·Cout per output
        // pixel), fuse (2C+2 → C) and head, summed by hand: 8.369 GMAC ≈ 16.7 GFLOP per 256² window.
        Assert.Equal(8_368_947_200L, UNetArchitecture.Paper.MultiplyAccumulates(256));
        Assert.Equal(2_137_653_248L, new UNetArchitecture(0.5).MultiplyAccumulates(256));
        Assert.Equal(4 * UNetArchitecture.Paper.MultiplyAccumulates(128), UNetArchitecture.Paper.MultiplyAccumulates(256));
    }

    [Fact]
    public void LayersAreNamed()
    {
        using var model = new GeoFlowNetUNet(new UNetArchitecture(0.25));
        var names = model.state_dict().Keys.ToList();
        Assert.Contains("encoder.0.conv.weight", names);
        Assert.Contains("encoder.4.conv.weight", names);
        Assert.Contains("coarse_head.conv.weight", names);
        Assert.Contains("decoder.3.up.weight", names);
        Assert.Contains("decoder.3.fuse.conv.weight", names);
        Assert.Contains("decoder.3.head.conv.bias", names);
    }
}
