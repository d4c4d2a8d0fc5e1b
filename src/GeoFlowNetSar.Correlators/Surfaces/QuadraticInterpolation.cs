using GeoFlowNetSar.TorchSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Surfaces;

/// <summary>
/// Biquadratic (3×3 Lagrange) interpolation of a slowly varying surface — e.g. the local variance that normalises
/// a cross-correlation — at points given relative to the centre sample, in units of the sample spacing.
/// </summary>
public static class QuadraticInterpolation
{
    /// <summary>Lagrange weights [.., 3] of the samples at −1, 0, +1 for positions <paramref name="t"/>.</summary>
    public static Tensor Weights(Tensor t) =>
        stack([
            (t * t.sub(TorchScalars.One)).mul(TorchScalars.Half),
            TorchScalars.Subtract(TorchScalars.One, t * t),
            (t * TorchScalars.Add(t, TorchScalars.One)).mul(TorchScalars.Half),
        ], -1);

    /// <summary>
    /// Values [B, P, Q] at rows <paramref name="ty"/> [B, P] × columns <paramref name="tx"/> [B, Q] from the 3×3
    /// samples <paramref name="samples"/> [B, 3, 3].
    /// </summary>
    public static Tensor Evaluate(Tensor samples, Tensor ty, Tensor tx) =>
        Weights(ty).bmm(samples).bmm(Weights(tx).transpose(1, 2));
}
