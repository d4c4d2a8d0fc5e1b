using GeoFlowNetSar.TorchSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Surfaces;

/// <summary>
/// Normalised cross-correlation of a template — the inner (N−2M)² part of the reference window — against the
/// whole N×N search window, at every integer lag s ∈ [−M, M]², batched over windows. Everything stays inside the
/// window pair, so a window's result depends on that window's pixels alone (the estimator contract).
/// </summary>
/// <remarks>
/// With template weights w (1 inside, optionally a raised-cosine roll-off over the outer <c>taper</c> samples),
/// T̃ = T − mean_w T and S the search window:
///   NCC(s) = Σ_q w·T̃(q)·S(q+M+s) / √(Σ w·T̃² · Var_w(s)),  Var_w(s) = Σ_q w·S(q+M+s)² − (Σ_q w·S(q+M+s))² / Σ w.
/// The numerator is a circular cross-correlation (no wrap for |s| ≤ M): its spectrum X = conj(F[w·T̃])·F[S] is kept
/// for the sub-pixel DFT upsampling, and its values at the integer lags are Re(Kr·X·Kc)/N² — the inverse DFT at
/// those 2M+1 lags only, as constant kernel matrices (cheaper than irfft2 of the whole N² surface). The weights are
/// separable, w = p⊗p, so the local moments are band-matrix products: Σ_q w·S(q+M+s) = (P·S·Pᵀ)[s], P[ℓ, ℓ+j] = p[j]
/// [2M+1, N], and likewise with S². They are taken in float32 of S minus its window mean (the variance does not
/// change): for standardised windows E₂ and E₁²/Σw differ by orders of magnitude less than float32's range, the
/// relative difference from float64 FFT moments is ~1e-6. Without taper this is the plain NCC; the taper makes the
/// weighted template go smoothly to zero, so the numerator's trigonometric (DFT) interpolation between lags does not
/// ring at the template's edges (a bias of several thousandths of a pixel).
/// </remarks>
public sealed class TemplateCorrelation : IDisposable
{
    private static readonly Scalar VarianceFloor = 1e-12.ToScalar();
    private static readonly Scalar DenominatorFloor = 1e-20.ToScalar();

    private readonly Tensor _weights;      // [t, t]
    private readonly Tensor _boxes;        // P [2M+1, N]
    private readonly Tensor _boxesT;       // Pᵀ
    private readonly Tensor _rowKernel;    // Kr [2M+1, N] complex
    private readonly Tensor _columnKernel; // Kc [N/2+1, 2M+1] complex
    private readonly double _weightSum;

    public TemplateCorrelation(int size, int margin, Device device, int taper = 0)
    {
        if (margin < 1 || size - 2 * margin < 2)
            throw new ArgumentOutOfRangeException(nameof(margin), $"A margin of {margin} leaves no template in a {size}-sample window.");
        if (taper < 0 || 2 * taper >= size - 2 * margin)
            throw new ArgumentOutOfRangeException(nameof(taper), $"A {taper}-sample taper does not fit a {size - 2 * margin}-sample template.");
        Size = size;
        Margin = margin;
        // Temporaries live in this scope (an unreferenced one could be finalized mid-call); the fields are detached
        // from it and from any caller's scope: they are owned here.
        using var scope = NewDisposeScope();
        int t = TemplateSize, lags = 2 * margin + 1;
        var profile = new float[t];
        for (int i = 0; i < t; i++)
        {
            double fromEdge = Math.Min(i + 0.5, t - i - 0.5);
            profile[i] = taper == 0 || fromEdge >= taper ? 1f : (float)Math.Pow(Math.Sin(Math.PI / 2 * fromEdge / taper), 2);
        }
        var weights = new float[t * t];
        double sum = 0;
        for (int y = 0; y < t; y++)
            for (int x = 0; x < t; x++)
                sum += weights[y * t + x] = profile[y] * profile[x];
        _weightSum = sum;
        _weights = tensor(weights, [t, t], device: device).DetachFromDisposeScope();
        var boxes = new float[lags * size];
        for (int l = 0; l < lags; l++)
            for (int j = 0; j < t; j++)
                boxes[l * size + l + j] = profile[j];
        var p = tensor(boxes, [lags, size], device: device);
        _boxes = p.DetachFromDisposeScope();
        _boxesT = p.t().contiguous().DetachFromDisposeScope();
        var (rows, columns) = LagDftKernels.At(size, Enumerable.Range(-margin, lags).Select(l => (double)l).ToArray(), device);
        _rowKernel = rows.DetachFromDisposeScope();
        _columnKernel = columns.DetachFromDisposeScope();
    }

    public int Size { get; }
    public int Margin { get; }
    public int TemplateSize => Size - 2 * Margin;

    /// <summary>Correlates [B, N, N] reference windows with [B, N, N] search windows.</summary>
    public TemplateSurface Compute(Tensor reference, Tensor search) =>
        ComputeFromTemplate(reference.narrow(1, Margin, TemplateSize).narrow(2, Margin, TemplateSize), search);

    /// <summary>Correlates [B, t, t] templates (the inner part of the reference windows) with [B, N, N] search windows.</summary>
    public TemplateSurface ComputeFromTemplate(Tensor template, Tensor search)
    {
        int n = Size, m = Margin;
        using var weightSum = _weightSum.ToScalar();
        using var area = ((double)n * n).ToScalar();
        template = template - (template * _weights).sum([1, 2], keepdim: true).div(weightSum);
        var weighted = template * _weights;
        var norm = (weighted * template).sum([1, 2]).sqrt();
        var padded = nn.functional.pad(weighted, [m, m, m, m]);
        // Σ_p A(p)·S(p+s) ⇔ conj(F[A])·F[S].
        var spectrum = fft.rfft2(padded).conj() * fft.rfft2(search);
        var numerator = _rowKernel.matmul(spectrum).matmul(_columnKernel).real.div(area);
        var centred = search - search.mean([1, 2], keepdim: true);
        var sum = _boxes.matmul(centred).matmul(_boxesT);
        var squares = _boxes.matmul(TorchScalars.Square(centred)).matmul(_boxesT);
        var variance = (squares - TorchScalars.Square(sum).div(weightSum)).clamp_min(VarianceFloor);
        var ncc = numerator / (norm.view(-1, 1, 1) * variance.sqrt()).clamp_min(DenominatorFloor);
        return new TemplateSurface(ncc, spectrum, variance, norm, m);
    }

    public void Dispose()
    {
        _weights.Dispose();
        _boxes.Dispose();
        _boxesT.Dispose();
        _rowKernel.Dispose();
        _columnKernel.Dispose();
    }
}

/// <summary>
/// What <see cref="TemplateCorrelation"/> gives: <see cref="Ncc"/> [B, 2M+1, 2M+1] (index i ↔ lag i − M, rows = y),
/// the cross spectrum [B, N, N/2+1] whose inverse DFT is the NCC numerator at any lag (for DFT upsampling), the local
/// (weighted) variance of the search box at each integer lag, and the template norm √(Σ w·T̃²) [B].
/// </summary>
public sealed record TemplateSurface(Tensor Ncc, Tensor Spectrum, Tensor Variance, Tensor TemplateNorm, int Margin);
