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
/// Numerator and local moments are FFT cross-correlations (no wrap for |s| ≤ M). Without taper this is the plain
/// NCC; the taper makes the weighted template go smoothly to zero, so the numerator's trigonometric (DFT)
/// interpolation between lags does not ring at the template's edges (a bias of several thousandths of a pixel).
/// </remarks>
public sealed class TemplateCorrelation : IDisposable
{
    private static readonly Scalar VarianceFloor = 1e-12.ToScalar();
    private static readonly Scalar DenominatorFloor = 1e-20.ToScalar();

    private readonly Tensor _lagIndex;
    private readonly Tensor _weights;        // [t, t]
    private readonly Tensor _weightSpectrum; // conj(F[w padded]) [N, N/2+1]
    private readonly double _weightSum;

    public TemplateCorrelation(int size, int margin, Device device, int taper = 0)
    {
        if (margin < 1 || size - 2 * margin < 2)
            throw new ArgumentOutOfRangeException(nameof(margin), $"A margin of {margin} leaves no template in a {size}-sample window.");
        if (taper < 0 || 2 * taper >= size - 2 * margin)
            throw new ArgumentOutOfRangeException(nameof(taper), $"A {taper}-sample taper does not fit a {size - 2 * margin}-sample template.");
        Size = size;
        Margin = margin;
        var lags = new long[2 * margin + 1];
        for (int i = 0; i < lags.Length; i++) lags[i] = ((i - margin) % size + size) % size;
        // Temporaries live in this scope (an unreferenced one could be finalized mid-call); the fields are detached
        // from it and from any caller's scope: they are owned here.
        using var scope = NewDisposeScope();
        _lagIndex = tensor(lags, device: device).DetachFromDisposeScope();
        int t = TemplateSize;
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
        var padded = nn.functional.pad(_weights.view(1, t, t), [margin, margin, margin, margin]);
        _weightSpectrum = fft.rfft2(padded).conj().resolve_conj().DetachFromDisposeScope();
    }

    public int Size { get; }
    public int Margin { get; }
    public int TemplateSize => Size - 2 * Margin;

    /// <summary>Correlates [B, N, N] reference windows with [B, N, N] search windows.</summary>
    public TemplateSurface Compute(Tensor reference, Tensor search)
    {
        int n = Size, m = Margin, t = TemplateSize;
        using var weightSum = _weightSum.ToScalar();
        var template = reference.narrow(1, m, t).narrow(2, m, t);
        template = template - (template * _weights).sum([1, 2], keepdim: true).div(weightSum);
        var weighted = template * _weights;
        var norm = (weighted * template).sum([1, 2]).sqrt();
        var padded = nn.functional.pad(weighted, [m, m, m, m]);
        // Σ_p A(p)·S(p+s) ⇔ conj(F[A])·F[S].
        var searchSpectrum = fft.rfft2(search);
        var spectrum = fft.rfft2(padded).conj() * searchSpectrum;
        var numerator = Lags(fft.irfft2(spectrum, s: [n, n]));
        // Local weighted moments of the search window (float64: a difference of large sums).
        var wide = search.to_type(ScalarType.Float64);
        var weightSpectrum = _weightSpectrum.to_type(ScalarType.ComplexFloat64);
        var sum = Lags(fft.irfft2(weightSpectrum * fft.rfft2(wide), s: [n, n]));
        var squares = Lags(fft.irfft2(weightSpectrum * fft.rfft2(TorchScalars.Square(wide)), s: [n, n]));
        var variance = (squares - TorchScalars.Square(sum).div(weightSum)).to_type(ScalarType.Float32).clamp_min(VarianceFloor);
        var ncc = numerator / (norm.view(-1, 1, 1) * variance.sqrt()).clamp_min(DenominatorFloor);
        return new TemplateSurface(ncc, spectrum, variance, norm, m);
    }

    private Tensor Lags(Tensor circular) => circular.index_select(1, _lagIndex).index_select(2, _lagIndex);

    public void Dispose()
    {
        _lagIndex.Dispose();
        _weights.Dispose();
        _weightSpectrum.Dispose();
    }
}

/// <summary>
/// What <see cref="TemplateCorrelation"/> gives: <see cref="Ncc"/> [B, 2M+1, 2M+1] (index i ↔ lag i − M, rows = y),
/// the cross spectrum [B, N, N/2+1] whose inverse DFT is the NCC numerator at any lag (for DFT upsampling), the local
/// (weighted) variance of the search box at each integer lag, and the template norm √(Σ w·T̃²) [B].
/// </summary>
public sealed record TemplateSurface(Tensor Ncc, Tensor Spectrum, Tensor Variance, Tensor TemplateNorm, int Margin);
