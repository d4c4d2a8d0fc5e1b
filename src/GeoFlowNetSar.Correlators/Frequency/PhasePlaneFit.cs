using GeoFlowNetSar.TorchSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Frequency;

/// <summary>
/// Weighted Gauss–Newton fit of the phase plane arg C(ω) = −2π ω·d over the fit band of half spectra in fit order
/// (<see cref="HalfSpectrum"/>), batched and in cycles: the residual ρ = φ/2π + ω·d, wrapped to [−½, ½] by
/// subtracting its nearest integer, and the normal equations (Σw ωωᵀ) e = −Σw ω ρ, whose sums are two small matrix
/// products per iteration (no complex tensors, no per-frequency trigonometry). Iteration 0 reads the low band
/// |ωx|, |ωy| ≤ ¼ only (a leading slice), the last <c>robust</c> ones re-weight by Tukey's biweight of the residual;
/// a window stops (is frozen) once a robust update is below the tolerance.
/// </summary>
public sealed class PhasePlaneFit(HalfSpectrum spectrum)
{
    // Tukey's biweight constant on the residual phase (radians): frequencies whose phase disagrees with the plane by
    // more than c — changed scatterers, aliased speckle — stop pulling the fit.
    private const double BiweightConstant = 1.5;

    private static readonly Scalar BiweightScale = (-Math.Pow(2 * Math.PI / BiweightConstant, 2)).ToScalar(); // −(2π/c)²
    private static readonly Scalar MinusMinDeterminant = (-1e-12).ToScalar();
    private static readonly Scalar WeightFloor = 1e-20.ToScalar();
    private const float TwoPi = (float)(2 * Math.PI);

    /// <summary>
    /// Fits d [B, 2] = (dx, dy) from <paramref name="phase"/> [B, FitCount] (arg C / 2π, cycles) and base weights
    /// <paramref name="weights"/> [B, FitCount], starting at <paramref name="start"/> [B, 2].
    /// </summary>
    public Tensor Fit(Tensor phase, Tensor weights, Tensor start, int iterations, int robust, double tolerance)
    {
        var d = start;
        // A window whose robust update falls below the tolerance is frozen there, so where it stops does not depend
        // on the other windows of its batch (results must not depend on the batching); the loop ends when all are.
        Tensor? active = null;
        int firstRobust = Math.Max(1, iterations - robust);
        using var stopBelow = tolerance.ToScalar();
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            // Each iteration's [B, K] temporaries are freed before the next: a small, reused working set.
            using var scope = NewDisposeScope();
            int count = iteration == 0 ? spectrum.LowBandCount : spectrum.FitCount;
            var residual = Residual(phase, d, count);
            var w = weights.narrow(1, 0, count);
            if (robust > 0 && iteration >= firstRobust) w = Biweight(residual).mul_(weights);
            var step = Solve(w, residual, count);
            if (active is not null) step.mul_(active);
            d = scope.MoveToOuter(TorchScalars.Add(d, step));
            if (iteration >= firstRobust && iteration < iterations - 1)
            {
                var moving = step.abs().amax([1], keepdim: true).ge(stopBelow).to_type(ScalarType.Float32);
                active = scope.MoveToOuter(active is null ? moving : active * moving);
                if (active.sum().item<float>() == 0) break;
            }
        }
        return d;
    }

    /// <summary>ρ = φ/2π + ω·d wrapped into [−½, ½] (cycles), [B, count], over the first <paramref name="count"/> frequencies.</summary>
    public Tensor Residual(Tensor phase, Tensor d, int count)
    {
        var residual = phase.narrow(1, 0, count).addmm(d, spectrum.FitFrequenciesT.narrow(1, 0, count), beta: 1, alpha: 1);
        return residual.sub_(residual.round());
    }

    /// <summary>Σ w·cos 2πρ / Σ w: 1 for a perfect plane, ~0 for noise (the full-plane mean residual phasor).</summary>
    public Tensor Coherence(Tensor phase, Tensor weights, Tensor d)
    {
        // cos is periodic: no wrapping, 2π(φ/2π + ω·d) in one op.
        var cosine = phase.addmm(d, spectrum.FitFrequenciesT, beta: TwoPi, alpha: TwoPi).cos_();
        return (weights * cosine).sum(1) / weights.sum(1).clamp_min(WeightFloor);
    }

    // The Gauss–Newton step e = −M⁻¹ Σ w ω ρ with M = Σ w ωωᵀ = [[a, b], [b, c]]: e = (c·u − b·v, a·v − b·u) / (b² − a·c)
    // for (u, v) = Σ w ω ρ; NaN where M is singular. Consumes the residual.
    private Tensor Solve(Tensor w, Tensor residual, int count)
    {
        var moments = spectrum.FitMomentsT.narrow(1, 0, count).matmul(w.t());                   // [3, B]: Σw ωx², Σw ωxωy, Σw ωy²
        var rhs = spectrum.FitFrequenciesT.narrow(1, 0, count).matmul(residual.mul_(w).t());    // [2, B]: Σw ωx ρ, Σw ωy ρ
        Tensor a = moments[0], b = moments[1], c = moments[2], u = rhs[0], v = rhs[1];
        var negativeDeterminant = (b * b).addcmul_(a, c, TorchScalars.MinusOne);
        var scale = negativeDeterminant.reciprocal().masked_fill_(negativeDeterminant.ge(MinusMinDeterminant), TorchScalars.NaN);
        var numerator = stack([(c * u).addcmul_(b, v, TorchScalars.MinusOne), (a * v).addcmul_(b, u, TorchScalars.MinusOne)], 1);
        return numerator.mul_(scale.unsqueeze(1));
    }

    // (1 − (2πρ/c)²)² inside |2πρ| < c, 0 outside.
    private static Tensor Biweight(Tensor residual)
    {
        var inside = (residual * residual).mul_(BiweightScale).add_(TorchScalars.One, TorchScalars.One).clamp_min_(TorchScalars.Zero);
        return inside.mul_(inside);
    }
}
