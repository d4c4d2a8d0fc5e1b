using GeoFlowNetSar.TorchSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Surfaces;

/// <summary>
/// Ampcor's normalised cross-correlation of k×-oversampled (and optionally smoothed) chips — the inner t² = (N−2M)²
/// template of the reference window against the whole N×N search window — at every fine lag s ∈ [−M, M]² in steps of
/// 1/k px, computed from the native chips with matrix products instead of (kN)² FFTs.
/// </summary>
/// <remarks>
/// Oversampling by FFT zero-padding is trigonometric interpolation, and the correlation of two interpolated
/// periodic chips is the interpolation of their correlation. With T the template minus its mean, zero-padded to N²,
/// S the search window, H the smoothing response and T_k, S_k the k×-oversampled, smoothed chips:
///   c(s) = (1/k²)·Σ_fine T_k(q)·S_k(q+s) = Re(Kr·X·Kc)/N²,  X = conj(F[T])·F[S]·H²,
/// with Kr, Kc the inverse-DFT kernels at the fine lags (a matrix DFT; no wrap-around for |s| ≤ M; see
/// <see cref="SpectralWeights"/> for the Nyquist bins). The normalisation needs the oversampled search chip, whose
/// square is not band-limited to the native grid: S_k = P·S·Pᵀ (P the one-axis interpolation-and-smoothing matrix),
/// and with A the band matrix of the template's fine footprint at each fine lag,
///   E₁ = (1/k²)·A·S_k·Aᵀ = (1/k²)·(AP)·S·(AP)ᵀ,  E₂ = (1/k²)·A·(S_k∘S_k)·Aᵀ,  ‖T_k‖²/k² = (1/N²)·Σ_f |F[T]·H|²
/// (Parseval), NCC(s) = c(s) / √(‖T‖²·(E₂(s) − E₁(s)²/t²)). Every matrix is built once; per window that is two N²
/// FFTs and a handful of small matrix products (MKL runs those far faster than the FFTs of the oversampled chips,
/// which this replaces: eight (kN)² FFTs, half of them float64).
/// </remarks>
public sealed class OversampledTemplateCorrelation : IDisposable
{
    private static readonly Scalar VarianceFloor = 1e-12.ToScalar();
    private static readonly Scalar DenominatorFloor = 1e-20.ToScalar();

    private readonly Tensor _crossWeight;    // H²·ν [N, N/2+1]
    private readonly Tensor _energyWeight;   // H²·ν·(1 or 2 per rfft2 column) [N, N/2+1]
    private readonly Tensor _rowKernel;      // Kr [L, N] complex
    private readonly Tensor _columnKernel;   // Kc [N/2+1, L] complex
    private readonly Tensor _interpolation;  // P [kN, N]
    private readonly Tensor _interpolationT; // Pᵀ
    private readonly Tensor _boxes;          // A [L, kN]
    private readonly Tensor _boxesT;         // Aᵀ
    private readonly Tensor _sumBoxes;       // A·P [L, N]
    private readonly Tensor _sumBoxesT;      // (A·P)ᵀ

    /// <param name="size">Window edge N.</param>
    /// <param name="margin">Search radius M: lags −M..M px.</param>
    /// <param name="factor">Oversampling k.</param>
    /// <param name="smoothing">Smoothing response h(ω) along each axis (ω in cycles per native pixel), or null.</param>
    /// <param name="device">Where the work runs.</param>
    public OversampledTemplateCorrelation(int size, int margin, int factor, Func<double, double>? smoothing, Device device)
    {
        if (margin < 1 || size - 2 * margin < 2)
            throw new ArgumentOutOfRangeException(nameof(margin), $"A margin of {margin} leaves no template in a {size}-sample window.");
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        Size = size;
        Margin = margin;
        Factor = factor;
        using var scope = NewDisposeScope();
        var (cross, energy) = SpectralWeights(size, smoothing);
        _crossWeight = tensor(cross, [size, size / 2 + 1], device: device).DetachFromDisposeScope();
        _energyWeight = tensor(energy, [size, size / 2 + 1], device: device).DetachFromDisposeScope();
        var (rows, columns) = LagDftKernels.At(size, Enumerable.Range(0, Lags).Select(l => (double)(l - factor * margin) / factor).ToArray(), device);
        _rowKernel = rows.DetachFromDisposeScope();
        _columnKernel = columns.DetachFromDisposeScope();
        var interpolation = Interpolation(size, factor, smoothing, device);
        var boxes = Boxes(Lags, FineSize, factor * TemplateSize, device);
        var sumBoxes = boxes.matmul(interpolation);
        _interpolation = interpolation.DetachFromDisposeScope();
        _interpolationT = interpolation.t().contiguous().DetachFromDisposeScope();
        _boxes = boxes.DetachFromDisposeScope();
        _boxesT = boxes.t().contiguous().DetachFromDisposeScope();
        _sumBoxes = sumBoxes.DetachFromDisposeScope();
        _sumBoxesT = sumBoxes.t().contiguous().DetachFromDisposeScope();
    }

    public int Size { get; }
    public int Margin { get; }
    public int Factor { get; }
    public int TemplateSize => Size - 2 * Margin;
    public int FineSize => Factor * Size;
    /// <summary>L = 2kM + 1 fine lags per axis.</summary>
    public int Lags => 2 * Factor * Margin + 1;

    /// <summary>
    /// NCC of [B, N, N] reference and search windows at every fine lag: [B, L, L], index ℓ ↔ lag (ℓ − kM)/k px
    /// (rows = y); every k-th sample from ℓ = 0 is an integer lag.
    /// </summary>
    public Tensor Compute(Tensor reference, Tensor search)
    {
        int n = Size, m = Margin, t = TemplateSize;
        var template = reference.narrow(1, m, t).narrow(2, m, t);
        template = template - template.mean([1, 2], keepdim: true);
        var templateSpectrum = fft.rfft2(nn.functional.pad(template, [m, m, m, m]));
        var searchSpectrum = fft.rfft2(search);
        using var area = ((double)n * n).ToScalar();
        var templateEnergy = (TorchScalars.Square(view_as_real(templateSpectrum)).sum(3) * _energyWeight).sum([1, 2]).div(area);
        var cross = templateSpectrum.conj() * searchSpectrum * _crossWeight;
        var numerator = _rowKernel.matmul(cross).matmul(_columnKernel).real.div(area);

        using var perPixel = (1.0 / ((double)Factor * Factor)).ToScalar();
        using var templatePixels = ((double)t * t).ToScalar();
        var fine = _interpolation.matmul(search).matmul(_interpolationT);
        var sum = _sumBoxes.matmul(search).matmul(_sumBoxesT).mul(perPixel);
        var squares = _boxes.matmul(TorchScalars.Square(fine)).matmul(_boxesT).mul(perPixel);
        var variance = (squares - TorchScalars.Square(sum).div(templatePixels)).clamp_min(VarianceFloor);
        return numerator / (templateEnergy.view(-1, 1, 1) * variance).sqrt().clamp_min(DenominatorFloor);
    }

    public void Dispose()
    {
        _crossWeight.Dispose();
        _energyWeight.Dispose();
        _rowKernel.Dispose();
        _columnKernel.Dispose();
        _interpolation.Dispose();
        _interpolationT.Dispose();
        _boxes.Dispose();
        _boxesT.Dispose();
        _sumBoxes.Dispose();
        _sumBoxesT.Dispose();
    }

    // On the rfft2 grid [N, N/2+1]: H² = h(fy)²·h(fx)² (both chips smoothed) times ν, ½ on the Nyquist row and ½
    // on the Nyquist column of even N — zero-padding splits a Nyquist bin into two halves, and the product of two
    // split chips keeps 2·(½)² of it — so the sums equal those of the oversampled chips exactly. The energy weight
    // counts the half spectrum's columns twice, except DC and Nyquist (Parseval for rfft2).
    private static (float[] Cross, float[] Energy) SpectralWeights(int size, Func<double, double>? h)
    {
        int columns = size / 2 + 1;
        var cross = new float[size * columns];
        var energy = new float[size * columns];
        bool even = size % 2 == 0;
        for (int y = 0; y < size; y++)
            for (int x = 0; x < columns; x++)
            {
                double gain = h is null ? 1 : Math.Pow(h(LagDftKernels.SignedFrequency(y, size)) * h(LagDftKernels.SignedFrequency(x, size)), 2);
                if (even && y == size / 2) gain *= 0.5;
                if (even && x == size / 2) gain *= 0.5;
                bool selfConjugate = x == 0 || (even && x == columns - 1);
                cross[y * columns + x] = (float)gain;
                energy[y * columns + x] = (float)(selfConjugate ? gain : 2 * gain);
            }
        return (cross, energy);
    }


    // P [kN, N], so that P·S·Pᵀ is the window smoothed by h and oversampled k× by FFT zero-padding — two small matrix
    // products, faster here than the (kN)² inverse FFT. Column j is the interpolated, smoothed unit impulse at j:
    //   P[a, j] = (1/N)·Σ_f h(f/N)·cos(2πf(a/k − j)/N), f over −N/2..N/2 with the Nyquist term (even N) split
    //   between ±N/2 (half weight each, cos only), as the FFT oversampler does.
    private static Tensor Interpolation(int size, int factor, Func<double, double>? h, Device device)
    {
        int big = factor * size;
        var matrix = new float[big * size];
        for (int a = 0; a < big; a++)
            for (int j = 0; j < size; j++)
            {
                double t = (double)a / factor - j, sum = 0;
                for (int f = -(size / 2); f <= size / 2; f++)
                {
                    double weight = size % 2 == 0 && Math.Abs(f) == size / 2 ? 0.5 : 1.0;
                    sum += weight * (h?.Invoke((double)f / size) ?? 1.0) * Math.Cos(2 * Math.PI * f * t / size);
                }
                matrix[a * size + j] = (float)(sum / size);
            }
        return tensor(matrix, [big, size], device: device);
    }

    // A [L, kN]: row ℓ is 1 on the template's fine footprint at fine lag ℓ − kM, samples (kM + ℓ − kM + j) mod kN =
    // (ℓ + j) mod kN, j = 0..k·t−1.
    private static Tensor Boxes(int lags, int big, int length, Device device)
    {
        var boxes = new float[lags * big];
        for (int l = 0; l < lags; l++)
            for (int j = 0; j < length; j++)
                boxes[l * big + (l + j) % big] = 1f;
        return tensor(boxes, [lags, big], device: device);
    }
}
