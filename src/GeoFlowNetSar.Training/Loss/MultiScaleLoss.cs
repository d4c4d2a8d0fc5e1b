using GeoFlowNetSar.TorchSupport;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GeoFlowNetSar.Training.Loss;

/// <summary>The total loss and its per-scale terms (unweighted L1, finest first).</summary>
public sealed record MultiScaleLossResult(Tensor Total, Tensor[] PerScaleFinestFirst);

/// <summary>
/// FlowNet-style multi-scale supervision: at every scale, the mean absolute error (over batch, both components and
/// pixels) between the prediction and the target area-averaged to that scale (adaptive average pooling: the
/// displacement stays in full-resolution pixels, so no rescaling), weighted and summed. Default weights, finest
/// to coarsest: 0.32, 0.08, 0.02, 0.01, 0.005 (coarse scales only guide; the full-resolution term dominates).
/// </summary>
public sealed class MultiScaleLoss
{
    public static readonly IReadOnlyList<double> DefaultWeightsFinestFirst = [0.32, 0.08, 0.02, 0.01, 0.005];

    public MultiScaleLoss(IReadOnlyList<double>? weightsFinestFirst = null)
    {
        WeightsFinestFirst = (weightsFinestFirst ?? DefaultWeightsFinestFirst).ToArray();
        if (WeightsFinestFirst.Count == 0 || WeightsFinestFirst.Any(w => !(w >= 0) || double.IsInfinity(w)))
            throw new ArgumentException("Use one finite, non-negative weight per scale.", nameof(weightsFinestFirst));
    }

    public IReadOnlyList<double> WeightsFinestFirst { get; }

    /// <param name="predictionsCoarsestFirst">The network's output: [B, 2, h_s, w_s] per scale, full resolution last.</param>
    /// <param name="target">True (dx, dy), [B, 2, H, W].</param>
    public MultiScaleLossResult Compute(IReadOnlyList<Tensor> predictionsCoarsestFirst, Tensor target)
    {
        int scales = predictionsCoarsestFirst.Count;
        if (scales != WeightsFinestFirst.Count)
            throw new ArgumentException($"{scales} predictions but {WeightsFinestFirst.Count} loss weights.", nameof(predictionsCoarsestFirst));
        var terms = new Tensor[scales];
        Tensor? total = null;
        for (int s = 0; s < scales; s++)
        {
            var prediction = predictionsCoarsestFirst[scales - 1 - s];
            long h = prediction.shape[2], w = prediction.shape[3];
            var truth = h == target.shape[2] && w == target.shape[3]
                ? target
                : functional.adaptive_avg_pool2d(target, [h, w]);
            terms[s] = (prediction - truth).abs().mean();
            // An explicit Scalar kept alive through the call (TorchSharp's implicit ones can be finalized mid-call).
            using var weight = WeightsFinestFirst[s].ToScalar();
            var weighted = terms[s].mul(weight);
            total = total is null ? weighted : TorchScalars.Add(total, weighted);
        }
        return new MultiScaleLossResult(total!, terms);
    }
}
