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
/// Optional pooled-error term λ·mean|P_k(d̂ − d)| on the full-resolution prediction, P_k the mean over k×k cells
/// (<see cref="PooledErrorWeight"/>, <see cref="PooledErrorSize"/>). Optional azimuth weight w
/// (<see cref="AzimuthWeight"/>): every term weighs the dy error w times the dx error, the two weights 2/(1 + w) and
/// 2w/(1 + w) averaging 1 so the loss keeps its scale.
/// </summary>
/// <remarks>
/// Why the pooled term: per-pixel L1 sees a systematic error b under per-pixel noise σ only through
/// sign(error), whose mean moves by ≈ b/σ — a weak signal where decorrelation noise is large, and there the
/// trained network shrank small displacements by half (models/README.md, run 3). Averaged over k² pixels the
/// noise falls by ≈ k while b stays, so the pooled term's gradient is dominated by the systematic part: it asks
/// for an unbiased field over k-pixel cells and leaves the per-pixel detail to the L1 terms.
/// </remarks>
public sealed class MultiScaleLoss
{
    public static readonly IReadOnlyList<double> DefaultWeightsFinestFirst = [0.32, 0.08, 0.02, 0.01, 0.005];

    public MultiScaleLoss(IReadOnlyList<double>? weightsFinestFirst = null, double pooledErrorWeight = 0, int pooledErrorSize = 32,
        double azimuthWeight = 1)
    {
        if (!(azimuthWeight > 0) || double.IsInfinity(azimuthWeight))
            throw new ArgumentOutOfRangeException(nameof(azimuthWeight), azimuthWeight, "Use a finite, positive azimuth weight.");
        AzimuthWeight = azimuthWeight;
        if (!(pooledErrorWeight >= 0) || double.IsInfinity(pooledErrorWeight))
            throw new ArgumentOutOfRangeException(nameof(pooledErrorWeight), pooledErrorWeight, "Use a finite, non-negative pooled-error weight.");
        ArgumentOutOfRangeException.ThrowIfLessThan(pooledErrorSize, 2);
        PooledErrorWeight = pooledErrorWeight;
        PooledErrorSize = pooledErrorSize;
        WeightsFinestFirst = (weightsFinestFirst ?? DefaultWeightsFinestFirst).ToArray();
        if (WeightsFinestFirst.Count == 0 || WeightsFinestFirst.Any(w => !(w >= 0) || double.IsInfinity(w)))
            throw new ArgumentException("Use one finite, non-negative weight per scale.", nameof(weightsFinestFirst));
    }

    public IReadOnlyList<double> WeightsFinestFirst { get; }

    /// <summary>λ of the pooled-error term (0: off).</summary>
    public double PooledErrorWeight { get; }

    /// <summary>k: edge of the cells the full-resolution error is averaged over (partial cells at the border are dropped).</summary>
    public int PooledErrorSize { get; }

    /// <summary>w: the dy error's weight relative to the dx error's in every term (1: equal).</summary>
    public double AzimuthWeight { get; }

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
            var error = (prediction - truth).abs();
            terms[s] = error.mean();
            // An explicit Scalar kept alive through the call (TorchSharp's implicit ones can be finalized mid-call).
            using var weight = WeightsFinestFirst[s].ToScalar();
            var weighted = (AzimuthWeight == 1 ? terms[s] : ComponentWeighted(error)).mul(weight);
            total = total is null ? weighted : TorchScalars.Add(total, weighted);
        }
        if (PooledErrorWeight > 0)
        {
            using var weight = PooledErrorWeight.ToScalar();
            total = TorchScalars.Add(total!, PooledError(predictionsCoarsestFirst[scales - 1], target).mul(weight));
        }
        return new MultiScaleLossResult(total!, terms);
    }

    /// <summary>mean |P_k(prediction − target)| over batch, components (weighted as every term) and k×k cells.</summary>
    public Tensor PooledError(Tensor prediction, Tensor target) =>
        ComponentWeighted(functional.avg_pool2d(prediction - target, PooledErrorSize).abs());

    // mean over [B, 2, h, w] with the dx and dy planes weighted 2/(1 + w) and 2w/(1 + w).
    private Tensor ComponentWeighted(Tensor error)
    {
        if (AzimuthWeight == 1) return error.mean();
        var weights = tensor(new[] { (float)(2 / (1 + AzimuthWeight)), (float)(2 * AzimuthWeight / (1 + AzimuthWeight)) },
            [1, 2, 1, 1], device: error.device);
        return (error * weights).mean();
    }
}
