using System.Diagnostics;
using GeoFlowNetSar.Model.Network;
using GeoFlowNetSar.Training.Loss;
using GeoFlowNetSar.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Training;

/// <summary>
/// Measures seconds per training step (forward, multi-scale loss, backward, Adam) on random input, without the data
/// pipeline: a quick way to size a run. Uses whatever libtorch thread count is set.
/// </summary>
public static class TrainingStepProbe
{
    public static double SecondsPerStep(UNetArchitecture architecture, int batch, int size, int steps = 3, int warmup = 1, Device? device = null)
    {
        var dev = device ?? CPU;
        torch.manual_seed(0);
        using var model = new GeoFlowNetUNet(architecture);
        model.to(dev);
        model.train();
        using var optimizer = new AdamOptimizer(model.named_parameters(), 1e-4);
        var loss = new MultiScaleLoss();
        var clock = new Stopwatch();
        for (int i = 0; i < warmup + steps; i++)
        {
            if (i == warmup) clock.Start();
            using var scope = NewDisposeScope();
            var input = randn(batch, 2, size, size, device: dev);
            var target = randn(batch, 2, size, size, device: dev);
            optimizer.ZeroGrad();
            loss.Compute(model.forward(input), target).Total.backward();
            optimizer.Step();
            _ = model.parameters().First().sum().item<float>();
        }
        return clock.Elapsed.TotalSeconds / steps;
    }
}
