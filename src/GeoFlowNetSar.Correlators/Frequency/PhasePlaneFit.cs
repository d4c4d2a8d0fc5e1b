using GeoFlowNetSar.TorchSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Frequency;

/// <summary>
/// Weighted Gauss–Newton fit of the phase plane arg C(ω) = −2π ω·d over the fit band of half spectra, batched: the
/// residual phase r = wrap(φ + 2π ω·d) and the normal equations (Σw ωωᵀ) e = −(1/2π) Σw ω r are formed with three
/// small matrix products per iteration (no complex tensors, no per-frequency trigonometry). Iteration 0 uses the low
/// band only, the last <c>robust</c> ones re-weight by Tukey's biweight of r; a window stops (is frozen) once a robust
/// update is below the tolerance.
/// </summary>
public sealed class PhasePlaneFit(HalfSpectrum spectrum)
{
    // Tukey's biweight constant on the residual phase (radians): frequencies whose phase disagrees with the plane by
    // more than c — changed scatterers, aliased speckle — stop pulling the fit.
    private const double BiweightConstant = 1.5;

    private static readonly Scalar BiweightScale = (-1 / (BiweightConstant * BiweightConstant)).ToScalar();
    private static readonly Scalar StepScale = (-1 / (2 * Math.PI)).ToScalar();
    private static readonly Scalar MinDeterminant = 1e-12.ToScalar();
    private static readonly Scalar WeightFloor = 1e-20.ToScalar();

    /// <summary>
    /// Fits d [B, 2] = (dx, dy) from <paramref name="shiftedPhase"/> [B, K'] (the phase of C plus π, so one remainder
    /// wraps it) and base weights <paramref name="weights"/> [B, K'], starting at <paramref name="start"/> [B, 2].
    /// </summary>
    public Tensor Fit(Tensor shiftedPhase, Tensor weights, Tensor start, int iterations, int robust, double tolerance)
    {
        var d = start;
        // A window whose robust update falls below the tolerance is frozen there, so where it stops does not depend
        // on the other windows of its batch (results must not depend on the batching); the loop ends when all are.
        Tensor? active = null;
        int firstRobust = Math.Max(1, iterations - robust);
        using var stopBelow = tolerance.ToScalar();
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            var residual = Residual(shiftedPhase, d);
            Tensor w;
            if (iteration == 0) w = weights * spectrum.FitLowBand;
            else if (robust > 0 && iteration >= firstRobust) w = Biweight(residual).mul_(weights);
            else w = weights;
            var step = Solve(w, residual);
            if (active is not null) step = step * active;
            d = TorchScalars.Add(d, step);
            if (iteration >= firstRobust && iteration < iterations - 1)
            {
                var moving = step.abs().amax([1], keepdim: true).ge(stopBelow).to_type(ScalarType.Float32);
                active = active is null ? moving : active * moving;
                if (active.sum().item<float>() == 0) break;
            }
        }
        return d;
    }

    /// <summary>r = wrap(φ + 2π ω·d) into [−π, π), [B, K'], from φ + π.</summary>
    public Tensor Residual(Tensor shiftedPhase, Tensor d) =>
        shiftedPhase.addmm(d, spectrum.FitFrequenciesT, beta: 1, alpha: (float)(2 * Math.PI)).remainder_(TorchScalars.TwoPi).sub_(TorchScalars.Pi);

    /// <summary>Σ w·cos r / Σ w: 1 for a perfect plane, ~0 for noise (the full-plane mean residual phasor).</summary>
    public Tensor Coherence(Tensor shiftedPhase, Tensor weights, Tensor d)
    {
        var cosine = Residual(shiftedPhase, d).cos_();
        return (weights * cosine).sum(1) / weights.sum(1).clamp_min(WeightFloor);
    }

    private Tensor Solve(Tensor w, Tensor residual)
    {
        var moments = w.matmul(spectrum.FitMoments);                 // [B, 3]: Σw ωx², Σw ωxωy, Σw ωy²
        var rhs = (w * residual).matmul(spectrum.FitFrequencies);    // [B, 2]: Σw ωx r, Σw ωy r
        var a = moments.select(1, 0);
        var b = moments.select(1, 1);
        var c = moments.select(1, 2);
        var u = rhs.select(1, 0);
        var v = rhs.select(1, 1);
        var det = a * c - b * b;
        var scale = det.reciprocal().mul(StepScale); // −1/(2π) / det
        var step = stack([(c * u - b * v) * scale, (a * v - b * u) * scale], 1);
        return where(det.gt(MinDeterminant).unsqueeze(1), step, full_like(step, TorchScalars.NaN));
    }

    // (1 − (r/c)²)² inside |r| < c, 0 outside.
    private static Tensor Biweight(Tensor residual)
    {
        var inside = TorchScalars.Square(residual).mul_(BiweightScale).add_(TorchScalars.One, TorchScalars.One).clamp_min_(TorchScalars.Zero);
        return inside.mul_(inside);
    }
}
