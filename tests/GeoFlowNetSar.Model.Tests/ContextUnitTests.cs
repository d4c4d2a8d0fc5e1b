using GeoFlowNetSar.Model.Network;
using GeoFlowNetSar.Model.Weights;
using GeoFlowNetSar.Training;
using GeoFlowNetSar.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Model.Tests;

public sealed class ContextUnitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gfn-context-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);


    [Fact]
    public void InitialisedFromThePaperNetworkTheContextNetworkComputesExactlyWhatItDid()
    {
        torch.manual_seed(5);
        using var paper = new GeoFlowNetUNet(new UNetArchitecture(0.25));
        string path = Path.Combine(_dir, "paper.gfnw");
        ModelWeights.Save(paper, path);
        using var input = randn(1, 2, 64, 64);
        var (reloaded, _) = ModelWeights.LoadModel(path);
        using (reloaded)
        {
            torch.manual_seed(6);
            using var wide = new GeoFlowNetUNet(new UNetArchitecture(0.25, [2, 4]));
            var (_, untouched) = ModelWeights.InitialiseFrom(wide, path);
            Assert.Equal(12, untouched.Count); // 2 units × 3 convolutions × (weight, bias)
            Assert.All(untouched, name => Assert.StartsWith("context.", name));
            // x + 0 is exactly x: the expansion convolutions start at zero.
            Assert.Equal(ModelOutputs.FullResolution(reloaded, input), ModelOutputs.FullResolution(wide, input));
        }
    }

    [Fact]
    public void ContextUnitsWidenTheReceptiveField()
    {
        // d(output at the centre)/d(input): the paper's encoder sees 33 px at stride 16; the heads and fusions of
        // the decoder carry the coarse prediction on to a theoretical 144 px (measured here), whose effective,
        // well-weighted part is far smaller. Units of dilation 2, 4, 8 add 2·(2 + 4 + 8)·16 = 448 px: the whole
        // 256² window.
        static int Reach(UNetArchitecture architecture)
        {
            torch.manual_seed(7);
            using var model = new GeoFlowNetUNet(architecture);
            using var scope = NewDisposeScope();
            using (no_grad())
                foreach (var (name, p) in model.named_parameters())
                    if (name.Contains("expand", StringComparison.Ordinal)) p.normal_(0, 0.05);
            model.eval();
            var input = randn(1, 2, 256, 256).requires_grad_(true);
            model.forward(input)[^1][0, 0, 128, 128].backward();
            var touched = input.grad!.abs().sum(1)[0].gt(0).nonzero(); // [n, 2] (row, column)
            return (int)(touched[.., 1].max().item<long>() - touched[.., 1].min().item<long>());
        }
        int plain = Reach(new UNetArchitecture(0.125));
        int context = Reach(new UNetArchitecture(0.125, [2, 4, 8]));
        Assert.InRange(plain, 120, 160);
        Assert.Equal(255, context);
    }

    [Fact]
    public void TheArchitectureTravelsWithTheWeightsAndTheCheckpoint()
    {
        torch.manual_seed(8);
        var architecture = new UNetArchitecture(0.25, [2, 4, 8]);
        using var model = new GeoFlowNetUNet(architecture);
        string weights = Path.Combine(_dir, "context.gfnw");
        ModelWeights.Save(model, weights);
        Assert.Equal(architecture, ModelWeights.ReadInfo(weights).Architecture);
        var (loaded, _) = ModelWeights.LoadModel(weights);
        using (loaded) Assert.Equal(architecture, loaded.Architecture);

        using var paper = new GeoFlowNetUNet(new UNetArchitecture(0.25));
        var e = Assert.Throws<ModelWeightsException>(() => ModelWeights.Load(paper, weights));
        Assert.Contains("context dilations 2,4,8", e.Message);
        // The context file has tensors the paper network lacks: it cannot initialise it.
        e = Assert.Throws<ModelWeightsException>(() => ModelWeights.InitialiseFrom(paper, weights));
        Assert.Contains("the file has context.", e.Message);
        using var wider = new GeoFlowNetUNet(new UNetArchitecture(0.5, [2, 4, 8]));
        e = Assert.Throws<ModelWeightsException>(() => ModelWeights.InitialiseFrom(wider, weights));
        Assert.Contains("mismatched architecture", e.Message);

        string checkpoint = Path.Combine(_dir, "context.gfnc");
        using (var optimizer = new AdamOptimizer(model.named_parameters()))
            TrainingCheckpoint.Save(checkpoint, model, optimizer, System.Text.Json.JsonDocument.Parse("{}").RootElement);
        Assert.Equal(architecture, TrainingCheckpoint.ReadState(checkpoint).Architecture);
        using var paperOptimizer = new AdamOptimizer(paper.named_parameters());
        e = Assert.Throws<ModelWeightsException>(() => TrainingCheckpoint.Load(checkpoint, paper, paperOptimizer));
        Assert.Contains("mismatched architecture", e.Message);
    }

    [Fact]
    public void TheLayerTableCountsTheContextUnits()
    {
        var architecture = new UNetArchitecture(0.5, [2, 4, 8]);
        using var model = new GeoFlowNetUNet(architecture);
        var layers = architecture.Convolutions(256).ToList();
        Assert.Equal(model.ParameterCount, layers.Sum(l => l.Weights + l.OutChannels));
        // Per unit at 16²: 256→128 (1×1), 128→128 (3×3), 128→256 (1×1) = 212,992 MACs per pixel.
        Assert.Equal(2_137_653_248L + 3L * 212_992 * 256, architecture.MultiplyAccumulates(256));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void ImpossibleDilationsAreRefused(int dilation) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new UNetArchitecture(0.5, [2, dilation]));
}
