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
/// <see cref="SpectralWeights"/> for the Nyquist bins; the separable weight H² is folded into Kr and Kc). The
/// normalisation needs the oversampled search chip, whose square is not band-limited to the native grid:
/// S_k = P·S·Pᵀ (P the one-axis interpolation-and-smoothing matrix), and with A the band matrix of the template's fine
/// footprint at each fine lag,
///   E₁ = (1/k²)·A·S_k·Aᵀ = (1/k²)·(AP)·S·(AP)ᵀ,  E₂ = (1/k²)·A·(S_k∘S_k)·Aᵀ,  ‖T_k‖²/k² = (1/N²)·Σ_f |F[T]·H|²
/// (Parseval), NCC(s) = c(s) / √(‖T‖²·(E₂(s) − E₁(s)²/t²)). E₂ is taken from outside the footprints (see
/// <see cref="SquareSums"/>), so S_k itself is never formed. Every matrix is built once; per window that is three N²
/// FFTs, a batch of 1-D ones and a handful of small matrix products (MKL runs those far faster than the FFTs of the
/// oversampled chips, which this replaces: eight (kN)² FFTs, half of them float64).
/// </remarks>
public sealed class OversampledTemplateCorrelation : IDisposable
{
    private static readonly Scalar VarianceFloor = 1e-12.ToScalar();
    private static readonly Scalar DenominatorFloor = 1e-20.ToScalar();

    private readonly Tensor _energyWeight;   // H²·ν·(1 or 2 per rfft2 column)/N², per real and imaginary part [2·N·(N/2+1), 1]
    private readonly Tensor _rowKernel;      // Kr·diag(h²·ν)/N [L, N] complex
    private readonly Tensor _columnKernel;   // diag(h²·ν)·Kc/N [N/2+1, L] as real rows Re, −Im interleaved [2·(N/2+1), L]
    private readonly Tensor _totalWeight;    // g(f_y)·g(f_x)·(1 or 2 per rfft2 column)/N², per real and imaginary part [2·N·(N/2+1), 1]
    private readonly Tensor _lineWeight;     // g(f)·(1 or 2 per rfft column)/N, per real and imaginary part [2·(N/2+1), 1]
    private readonly Tensor _outside;        // P_U [U, N]: the rows of P at the fine samples kt + u, u < U
    private readonly Tensor _outsideT;       // P_Uᵀ
    private readonly Tensor _outsideBoxes;   // C [L, U]: row ℓ is 1 at u ∈ [ℓ, ℓ + k(N − t))
    private readonly Tensor _outsideBoxesT;  // Cᵀ
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
        var (rowWeight, columnWeight, energy) = SpectralWeights(size, smoothing);
        _energyWeight = tensor(energy, [energy.Length, 1], device: device).DetachFromDisposeScope();
        var (rows, columns) = LagDftKernels.At(size, Enumerable.Range(0, Lags).Select(l => (double)(l - factor * margin) / factor).ToArray(), device);
        _rowKernel = (rows * tensor(rowWeight, [1, size], device: device)).DetachFromDisposeScope();
        var columnKernel = columns * tensor(columnWeight, [size / 2 + 1, 1], device: device);
        _columnKernel = stack([columnKernel.real, columnKernel.imag.neg()], 1).flatten(0, 1).DetachFromDisposeScope();
        var interpolation = InterpolationValues(size, factor, smoothing);
        var p = tensor(interpolation.Select(v => (float)v).ToArray(), [FineSize, size], device: device);
        var sumBoxes = Boxes(Lags, FineSize, factor * TemplateSize, device).matmul(p);
        _sumBoxes = sumBoxes.DetachFromDisposeScope();
        _sumBoxesT = sumBoxes.t().contiguous().DetachFromDisposeScope();
        var (total, line) = EnergyWeights(size, interpolation);
        _totalWeight = tensor(total, [total.Length, 1], device: device).DetachFromDisposeScope();
        _lineWeight = tensor(line, [line.Length, 1], device: device).DetachFromDisposeScope();
        int outside = FineSize - factor * TemplateSize, span = Lags + outside - 1;
        using var fineStart = (factor * TemplateSize).ToScalar();
        using var fineSize = FineSize.ToScalar();
        var outsideIndex = TorchScalars.Add(TorchScalars.Arange(span, ScalarType.Int64, device), fineStart).remainder(fineSize);
        var outsideRows = p.index_select(0, outsideIndex);
        _outside = outsideRows.DetachFromDisposeScope();
        _outsideT = outsideRows.t().contiguous().DetachFromDisposeScope();
        var outsideBoxes = Boxes(Lags, span, outside, device);
        _outsideBoxes = outsideBoxes.DetachFromDisposeScope();
        _outsideBoxesT = outsideBoxes.t().contiguous().DetachFromDisposeScope();
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
        // A weighted sum of squares as one matrix-vector product (a sum over the size-2 axis of view_as_real is
        // ~50× slower).
        var templateEnergy = TorchScalars.Square(view_as_real(templateSpectrum)).flatten(1).matmul(_energyWeight); // [B, 1]
        var cross = templateSpectrum.conj() * searchSpectrum;
        // Only the real part of (Kr·X)·Kc is needed: Re(Y·Kc) = [Re Y, Im Y]·[Re Kc; −Im Kc], one real product.
        var numerator = view_as_real(_rowKernel.matmul(cross)).flatten(2).matmul(_columnKernel);

        using var perPixel = (1.0 / ((double)Factor * Factor)).ToScalar();
        using var templatePixels = ((double)t * t).ToScalar();
        var sum = _sumBoxes.matmul(search).matmul(_sumBoxesT).mul(perPixel);
        var squares = SquareSums(search, searchSpectrum).mul(perPixel);
        var variance = (squares - TorchScalars.Square(sum).div(templatePixels)).clamp_min(VarianceFloor);
        return numerator / (templateEnergy.unsqueeze(2) * variance).sqrt().clamp_min(DenominatorFloor);
    }

    // Σ over the template's fine footprint of S_k² at every fine lag (row lag ℓ_r, column lag ℓ_c), as the whole
    // chip's energy minus the rows outside the footprint, minus the columns outside it, plus the corner outside both:
    //   Σ_{a∈R_r, b∈R_c} F² = ‖F‖² − Σ_{a∉R_r} ‖F[a, :]‖² − Σ_{b∉R_c} ‖F[:, b]‖² + Σ_{a∉R_r, b∉R_c} F²,  F = S_k = P·S·Pᵀ.
    // The outside of every footprint is k(N − t) = 2kM fine samples, so all of them lie in U = L + 2kM − 1 rows (and
    // columns) of F, far fewer than kN: the corner is P_U·S·P_Uᵀ [U, U] and its box sums C·F_U²·Cᵀ. With G = PᵀP
    // (circulant, symbol g), ‖F‖² = (1/N²)·Σ_f g(f_y)·g(f_x)·|F[S]|² and a row's energy ‖F[a, :]‖² = (P·S·G·Sᵀ·Pᵀ)[a, a] =
    // (1/N)·Σ_fx g(f_x)·|P·F_x[S]|²[a, f_x] (F_x the DFT along rows, of which rfft keeps half); the columns' are the
    // rows' of Sᵀ, so both come from 1-D rffts of P_U·S and P_U·Sᵀ. About 0.55× the work of P·S·Pᵀ and A·F²·Aᵀ, the
    // same values to float rounding.
    private Tensor SquareSums(Tensor search, Tensor searchSpectrum)
    {
        var z = _outside.matmul(stack([search, search.transpose(1, 2)]));                   // [2, B, U, N]: P_U·S, P_U·Sᵀ
        var lineSpectra = view_as_real(fft.rfft(z, dim: 3)).flatten(3);                        // [2, B, U, 2H]
        var lineEnergy = TorchScalars.Square(lineSpectra).matmul(_lineWeight).squeeze(3);      // [2, B, U]: rows, columns of F
        var outsideLines = lineEnergy.matmul(_outsideBoxesT);                                 // [2, B, L]
        var corner = z[0].matmul(_outsideT);                                                  // [B, U, U]
        var cornerSums = _outsideBoxes.matmul(TorchScalars.Square(corner)).matmul(_outsideBoxesT); // [B, L, L]
        var total = TorchScalars.Square(view_as_real(searchSpectrum)).flatten(1).matmul(_totalWeight).unsqueeze(2); // [B, 1, 1]
        return cornerSums.add_(total, TorchScalars.One)
            .add_(outsideLines[0].unsqueeze(2), TorchScalars.MinusOne).add_(outsideLines[1].unsqueeze(1), TorchScalars.MinusOne);
    }

    public void Dispose()
    {
        _energyWeight.Dispose();
        _rowKernel.Dispose();
        _columnKernel.Dispose();
        _totalWeight.Dispose();
        _lineWeight.Dispose();
        _outside.Dispose();
        _outsideT.Dispose();
        _outsideBoxes.Dispose();
        _outsideBoxesT.Dispose();
        _sumBoxes.Dispose();
        _sumBoxesT.Dispose();
    }

    // H² = h(f_y)²·h(f_x)² (both chips smoothed) times ν, ½ on the Nyquist row and ½ on the Nyquist column of even N
    // — zero-padding splits a Nyquist bin into two halves, and the product of two split chips keeps 2·(½)² of it — so
    // the sums equal those of the oversampled chips exactly. The cross weight is separable: its row factor (with the
    // inverse DFT's 1/N) goes into Kr, its column factor into Kc. The energy weight, on the rfft2 grid, counts the half
    // spectrum's columns twice except DC and Nyquist (Parseval for rfft2), over N², for the real and imaginary parts.
    private static (float[] Rows, float[] Columns, float[] Energy) SpectralWeights(int size, Func<double, double>? h)
    {
        int columns = size / 2 + 1;
        bool even = size % 2 == 0;
        double Axis(double frequency, bool nyquist) => Math.Pow(h?.Invoke(frequency) ?? 1.0, 2) * (nyquist ? 0.5 : 1.0);
        var rowWeight = new double[size];
        var columnWeight = new double[columns];
        for (int y = 0; y < size; y++) rowWeight[y] = Axis(LagDftKernels.SignedFrequency(y, size), even && y == size / 2);
        for (int x = 0; x < columns; x++) columnWeight[x] = Axis((double)x / size, even && x == size / 2);
        var energy = new float[2 * size * columns];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < columns; x++)
            {
                bool selfConjugate = x == 0 || (even && x == columns - 1);
                double gain = rowWeight[y] * columnWeight[x] * (selfConjugate ? 1 : 2) / ((double)size * size);
                energy[2 * (y * columns + x)] = energy[2 * (y * columns + x) + 1] = (float)gain;
            }
        return (rowWeight.Select(w => (float)(w / size)).ToArray(), columnWeight.Select(w => (float)(w / size)).ToArray(), energy);
    }

    // P [kN, N], so that P·S·Pᵀ is the window smoothed by h and oversampled k× by FFT zero-padding (never formed: its
    // rows enter A·P and P_U). Column j is the interpolated, smoothed unit impulse at j:
    //   P[a, j] = (1/N)·Σ_f h(f/N)·cos(2πf(a/k − j)/N), f over −N/2..N/2 with the Nyquist term (even N) split
    //   between ±N/2 (half weight each, cos only), as the FFT oversampler does.
    private static double[] InterpolationValues(int size, int factor, Func<double, double>? h)
    {
        int big = factor * size;
        var matrix = new double[big * size];
        for (int a = 0; a < big; a++)
            for (int j = 0; j < size; j++)
            {
                double t = (double)a / factor - j, sum = 0;
                for (int f = -(size / 2); f <= size / 2; f++)
                {
                    double weight = size % 2 == 0 && Math.Abs(f) == size / 2 ? 0.5 : 1.0;
                    sum += weight * (h?.Invoke((double)f / size) ?? 1.0) * Math.Cos(2 * Math.PI * f * t / size);
                }
                matrix[a * size + j] = sum / size;
            }
        return matrix;
    }

    // The symbol g of the circulant G = PᵀP (from P itself, so it holds for any k and N): g(f) = Σ_j G[0, j]·cos(2πfj/N).
    // Weights for ‖F‖² on the rfft2 grid (g(f_y)·g(f_x)/N², half-spectrum columns other than DC and Nyquist counted
    // twice) and for a line's energy on the rfft grid (g(f)/N, likewise), each repeated for the real and imaginary part.
    private static (float[] Total, float[] Line) EnergyWeights(int size, double[] interpolation)
    {
        int big = interpolation.Length / size, columns = size / 2 + 1;
        var g = new double[size];
        for (int f = 0; f < size; f++)
            for (int j = 0; j < size; j++)
            {
                double gram = 0;
                for (int a = 0; a < big; a++) gram += interpolation[a * size] * interpolation[a * size + j];
                g[f] += gram * Math.Cos(2 * Math.PI * f * j / size);
            }
        double Twice(int x) => x == 0 || (size % 2 == 0 && x == columns - 1) ? 1 : 2;
        var total = new float[2 * size * columns];
        var line = new float[2 * columns];
        for (int x = 0; x < columns; x++) line[2 * x] = line[2 * x + 1] = (float)(g[x] * Twice(x) / size);
        for (int y = 0; y < size; y++)
            for (int x = 0; x < columns; x++)
                total[2 * (y * columns + x)] = total[2 * (y * columns + x) + 1] = (float)(g[y] * g[x] * Twice(x) / ((double)size * size));
        return (total, line);
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
