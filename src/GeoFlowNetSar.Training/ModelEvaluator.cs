using GeoFlowNetSar.Model.Network;
using GeoFlowNetSar.Training.Data;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GeoFlowNetSar.Training;

/// <summary>Validation metrics of a model on a fixed set (inference mode; the model's train/eval mode is restored).</summary>
public static class ModelEvaluator
{
    public static ValidationMetrics Evaluate(GeoFlowNetUNet model, ValidationSet set, int batch, Device? device = null,
        double nearFaultJump = 0.05, int nearFaultRadius = 8)
    {
        var dev = device ?? CPU;
        bool wasTraining = model.training;
        model.eval();
        double sumDx = 0, sumDy = 0, pixels = 0, nearSum = 0, nearCount = 0, stillSum = 0, stillPixels = 0;
        try
        {
            using var mode = inference_mode();
            for (int start = 0; start < set.Samples.Count; start += batch)
            {
                using var scope = NewDisposeScope();
                var samples = set.Samples.Skip(start).Take(batch).ToList();
                var (input, target) = TrainingBatch.ToTensors(samples, dev);
                var prediction = model.forward(input)[^1];
                var error = (prediction - target).abs();
                sumDx += error.select(1, 0).sum().item<float>();
                sumDy += error.select(1, 1).sum().item<float>();
                pixels += error.select(1, 0).numel();

                var near = NearFaultMask(target, nearFaultJump, nearFaultRadius);
                nearSum += (error.mean([1], keepdim: true) * near).sum().item<float>();
                nearCount += near.sum().item<float>();

                for (int i = 0; i < samples.Count; i++)
                {
                    if (!samples[i].IsStill) continue;
                    var d = prediction[i];
                    stillSum += d.mul(d).sum([0]).sqrt().sum().item<float>();
                    stillPixels += d.select(0, 0).numel();
                }
            }
        }
        finally
        {
            if (wasTraining) model.train();
        }
        return new ValidationMetrics(
            sumDx / pixels,
            sumDy / pixels,
            nearCount > 0 ? nearSum / nearCount : double.NaN,
            stillPixels > 0 ? stillSum / stillPixels : double.NaN);
    }

    /// <summary>
    /// [B, 1, H, W] float mask: 1 within <paramref name="radius"/> px of a 3×3 neighbourhood where the true dx or dy
    /// spans more than <paramref name="jump"/> px (a fault trace or a very steep gradient).
    /// </summary>
    public static Tensor NearFaultMask(Tensor target, double jump, int radius)
    {
        // max − min over each 3×3 neighbourhood (min = −max(−t)); no Tensor + Tensor (see TorchScalars).
        var span = functional.max_pool2d(target, 3, stride: 1, padding: 1).sub(functional.max_pool2d(target.neg(), 3, stride: 1, padding: 1).neg());
        using var threshold = jump.ToScalar();
        var steep = span.gt(threshold).any(1, keepdim: true).to_type(ScalarType.Float32);
        return radius > 0 ? functional.max_pool2d(steep, 2 * radius + 1, stride: 1, padding: radius) : steep;
    }
}
