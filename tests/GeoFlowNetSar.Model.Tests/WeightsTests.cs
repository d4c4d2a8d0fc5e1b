using GeoFlowNetSar.Model.Network;
using GeoFlowNetSar.Model.Weights;
using GeoFlowNetSar.Training;
using GeoFlowNetSar.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Model.Tests;

public sealed class WeightsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gfn-weights-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static GeoFlowNetUNet SmallModel(int seed = 3)
    {
        torch.manual_seed(seed);
        return new GeoFlowNetUNet(new UNetArchitecture(0.25));
    }


    [Fact]
    public void CompactFileRoundTripsWithinFloat16Rounding()
    {
        using var model = SmallModel();
        string path = Path.Combine(_dir, "m.gfnw");
        var saved = ModelWeights.Save(model, path, new Dictionary<string, string> { ["step"] = "7" });
        var (loaded, info) = ModelWeights.LoadModel(path);
        using (loaded)
        {
            Assert.Equal(model.Architecture, loaded.Architecture);
            Assert.Equal(saved.PayloadSha256, info.PayloadSha256);
            Assert.Equal("7", info.Metadata["step"]);
            Assert.Equal(model.ParameterCount * 2, info.PayloadBytes);
            Assert.True(new FileInfo(path).Length < model.ParameterCount * 2 + 64 * 1024);

            var original = model.state_dict();
            foreach (var (name, value) in loaded.state_dict())
            {
                var a = original[name].data<float>().ToArray();
                var b = value.data<float>().ToArray();
                for (int i = 0; i < a.Length; i++)
                    Assert.True(Math.Abs(a[i] - b[i]) <= Math.Abs(a[i]) * Math.Pow(2, -11) + 3e-8, $"{name}[{i}]: {a[i]} vs {b[i]}");
            }

            using var input = randn(1, 2, 32, 32, generator: new Generator(5));
            var expected = ModelOutputs.FullResolution(model, input);
            var actual = ModelOutputs.FullResolution(loaded, input);
            double scale = expected.Max(v => Math.Abs(v));
            double worst = expected.Zip(actual, (x, y) => Math.Abs(x - y)).Max();
            Assert.True(worst <= 2e-3 * scale, $"max |diff| {worst} vs output scale {scale}");
        }
    }

    [Fact]
    public void PaperModelFileIsAbout12MB()
    {
        using var model = new GeoFlowNetUNet();
        string path = Path.Combine(_dir, "paper.gfnw");
        ModelWeights.Save(model, path);
        long bytes = new FileInfo(path).Length;
        Assert.InRange(bytes, 11_000_000, 25_000_000);
    }

    [Fact]
    public void LoadingIntoAModelOfAnotherWidthIsAClearError()
    {
        using var model = SmallModel();
        string path = Path.Combine(_dir, "w.gfnw");
        ModelWeights.Save(model, path);
        using var other = new GeoFlowNetUNet(new UNetArchitecture(0.5));
        var e = Assert.Throws<ModelWeightsException>(() => ModelWeights.Load(other, path));
        Assert.Contains(path, e.Message);
        Assert.Contains("mismatched architecture", e.Message);
    }

    [Fact]
    public void CorruptTruncatedOrForeignFilesAreClearErrors()
    {
        using var model = SmallModel();
        string path = Path.Combine(_dir, "c.gfnw");
        ModelWeights.Save(model, path);
        byte[] good = File.ReadAllBytes(path);

        string flipped = Path.Combine(_dir, "flipped.gfnw");
        var bad = (byte[])good.Clone();
        bad[^100] ^= 0x40;
        File.WriteAllBytes(flipped, bad);
        var e = Assert.Throws<ModelWeightsException>(() => ModelWeights.LoadModel(flipped));
        Assert.Contains(flipped, e.Message);
        Assert.Contains("corrupt", e.Message);
        Assert.Contains("sha256", e.Message);

        string truncated = Path.Combine(_dir, "truncated.gfnw");
        File.WriteAllBytes(truncated, good[..(good.Length / 2)]);
        e = Assert.Throws<ModelWeightsException>(() => ModelWeights.LoadModel(truncated));
        Assert.Contains("truncated", e.Message);

        string tiny = Path.Combine(_dir, "tiny.gfnw");
        File.WriteAllBytes(tiny, good[..10]);
        e = Assert.Throws<ModelWeightsException>(() => ModelWeights.LoadModel(tiny));
        Assert.Contains("truncated", e.Message);

        string foreign = Path.Combine(_dir, "foreign.gfnw");
        File.WriteAllText(foreign, "this is not a weights file at all");
        e = Assert.Throws<ModelWeightsException>(() => ModelWeights.LoadModel(foreign));
        Assert.Contains("not a GeoFlowNet-SAR weights file", e.Message);

        string header = Path.Combine(_dir, "header.gfnw");
        bad = (byte[])good.Clone();
        bad[20] = (byte)'!';
        File.WriteAllBytes(header, bad);
        e = Assert.Throws<ModelWeightsException>(() => ModelWeights.LoadModel(header));
        Assert.Contains("corrupt header", e.Message);

        var missing = Path.Combine(_dir, "missing.gfnw");
        e = Assert.Throws<ModelWeightsException>(() => ModelWeights.LoadModel(missing));
        Assert.Contains("cannot be opened", e.Message);
    }

    [Fact]
    public void CheckpointRestoresWeightsAndOptimizerExactly()
    {
        using var model = SmallModel(11);
        using var optimizer = new AdamOptimizer(model.named_parameters(), 1e-3);
        using var input = randn(2, 2, 32, 32, generator: new Generator(6));
        using var target = randn(2, 2, 32, 32, generator: new Generator(7));
        Step(model, optimizer, input, target);

        string path = Path.Combine(_dir, "run.gfnc");
        var state = System.Text.Json.JsonSerializer.SerializeToElement(new { step = 1, note = "x" });
        TrainingCheckpoint.Save(path, model, optimizer, state);

        torch.manual_seed(99);
        using var restored = new GeoFlowNetUNet(new UNetArchitecture(0.25));
        using var restoredOptimizer = new AdamOptimizer(restored.named_parameters(), 0.5);
        var back = TrainingCheckpoint.Load(path, restored, restoredOptimizer);
        Assert.Equal(1, back.GetProperty("step").GetInt32());
        Assert.Equal(ModelOutputs.FullResolution(model, input), ModelOutputs.FullResolution(restored, input));

        // Same Adam moments and step count: the next update is identical too.
        model.train();
        restored.train();
        Step(model, optimizer, input, target);
        Step(restored, restoredOptimizer, input, target);
        Assert.Equal(ModelOutputs.FullResolution(model, input), ModelOutputs.FullResolution(restored, input));

        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 1;
        string corrupt = Path.Combine(_dir, "corrupt.gfnc");
        File.WriteAllBytes(corrupt, bytes);
        var e = Assert.Throws<ModelWeightsException>(() => TrainingCheckpoint.Load(corrupt, restored, restoredOptimizer));
        Assert.Contains(corrupt, e.Message);
        Assert.Contains("corrupt", e.Message);

        using var wide = new GeoFlowNetUNet(new UNetArchitecture(0.5));
        using var wideOptimizer = new AdamOptimizer(wide.named_parameters());
        e = Assert.Throws<ModelWeightsException>(() => TrainingCheckpoint.Load(path, wide, wideOptimizer));
        Assert.Contains("mismatched", e.Message);
    }

    private static void Step(GeoFlowNetUNet model, AdamOptimizer optimizer, Tensor input, Tensor target)
    {
        using var scope = NewDisposeScope();
        model.train();
        optimizer.ZeroGrad();
        var loss = (model.forward(input)[^1] - target).abs().mean();
        loss.backward();
        optimizer.Step();
    }
}
