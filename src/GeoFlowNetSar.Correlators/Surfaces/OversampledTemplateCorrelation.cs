using GeoFlowNetSar.TorchSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Surfaces;

/// <summary>
/// Ampcor's normalised cross-correlation of k×-oversampled (and optionally smoothed) chips — the inner t² = (N−2M)²
/// template of the reference window against the whole N×N search window — computed from the chips' native spectra,
/// at the integer lags s ∈ [−M, M]² and on a fine (1/k px) lag grid around any centre.
/// </summary>
/// <remarks>
/// Oversampling by FFT zero-padding is trigonometric interpolation, and the correlation of two interpolated
/// periodic chips is the interpolation of their correlation. With T the template minus its mean, zero-padded to N²,
/// S the search window, H the smoothing response and T_k, S_k the k×-oversampled, smoothed chips:
///   c(s) = (1/k²)·Σ_fine T_k(q)·S_k(q+s) = irfft2(conj(F[T])·F[S]·H²)(s)   for any real lag s (native pixels),
/// so the numerator needs no oversampled FFT: an N² inverse FFT gives the integer lags and a matrix DFT the fine
/// lags near the peak (no wrap-around for |s| ≤ M); see <see cref="SpectralWeights"/> for the Nyquist bins. The normalisation needs the oversampled search chip itself,
/// whose square is not band-limited to the native grid: box sums over the template's fine footprint (k·t samples
/// per axis), E₁(s) = (1/k²)·Σ_box S_k and E₂(s) = (1/k²)·Σ_box S_k², each one band-matrix product A·S_k·Aᵀ per
/// lag grid. By Parseval ‖T_k‖²/k² = (1/N²)·Σ_f |F[T]·H|². Then
///   NCC(s) = c(s) / √(‖T‖² · (E₂(s) − E₁(s)²/t²)).
/// Cost per window: three N² FFTs, one (kN)² inverse FFT and a few small matrix products, against eight (kN)²
/// FFTs (half of them float64) for correlating the oversampled chips directly.
/// </remarks>
public sealed class OversampledTemplateCorrelation : IDisposable
{
    private static readonly Scalar VarianceFloor = 1e-12.ToScalar();
    private static readonly Scalar DenominatorFloor = 1e-20.ToScalar();

    private readonly Tensor _crossWeight;    // H²·ν [N, N/2+1]
    private readonly Tensor _energyWeight;   // H²·ν·(1 or 2 per rfft2 column) [N, N/2+1]
    private readonly Tensor _interpolation;  // [kN, N]: S_k = P·S·Pᵀ (oversampling and smoothing along one axis)
    private readonly Tensor _lagIndex;       // [2M+1] circular index of the integer lags −M..M
    private readonly Tensor _integerBoxes;   // [2M+1, kN]: the fine footprint of the template at each integer lag
    private readonly DftUpsampler _numerator;

    /// <param name="size">Window edge N.</param>
    /// <param name="margin">Search radius M: lags −M..M.</param>
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
        var lags = Enumerable.Range(-margin, 2 * margin + 1).Select(s => (long)((s % size + size) % size)).ToArray();
        _lagIndex = tensor(lags, device: device).DetachFromDisposeScope();
        var integerLags = TorchScalars.Arange(2 * margin + 1, ScalarType.Int64, device);
        using var marginScalar = margin.ToScalar();
        using var factorScalar = factor.ToScalar();
        _integerBoxes = Boxes(integerLags.sub(marginScalar).mul(factorScalar)).DetachFromDisposeScope();
        _numerator = new DftUpsampler(size, device);
        _interpolation = Interpolation(size, factor, smoothing, device).DetachFromDisposeScope();
    }

    public int Size { get; }
    public int Margin { get; }
    public int Factor { get; }
    public int TemplateSize => Size - 2 * Margin;
    public int FineSize => Factor * Size;

    /// <summary>The spectra and the oversampled search chip of [B, N, N] reference and search windows.</summary>
    public OversampledChips Prepare(Tensor reference, Tensor search)
    {
        int n = Size, m = Margin, t = TemplateSize;
        var template = reference.narrow(1, m, t).narrow(2, m, t);
        template = template - template.mean([1, 2], keepdim: true);
        var templateSpectrum = fft.rfft2(nn.functional.pad(template, [m, m, m, m]));
        var searchSpectrum = fft.rfft2(search);
        using var area = ((double)n * n).ToScalar();
        var templateEnergy = (view_as_real(templateSpectrum).square().sum(3) * _energyWeight).sum([1, 2]).div(area);
        var cross = templateSpectrum.conj() * searchSpectrum * _crossWeight;
        var fine = _interpolation.matmul(search).matmul(_interpolation.t());
        return new OversampledChips(cross, templateEnergy, fine, TorchScalars.Square(fine));
    }

    /// <summary>NCC at the integer lags: [B, 2M+1, 2M+1], index i ↔ lag i − M (rows = y).</summary>
    public Tensor IntegerLags(OversampledChips chips)
    {
        var circular = fft.irfft2(chips.Cross, s: [Size, Size]);
        var numerator = circular.index_select(1, _lagIndex).index_select(2, _lagIndex);
        return Normalise(chips, numerator, _integerBoxes, _integerBoxes);
    }

    /// <summary>
    /// NCC on the P×P fine lags (c + i − P/2)/k px, i = 0..P−1, around per-window centres c given in fine samples
    /// ([B] int64 for rows and columns): [B, P, P].
    /// </summary>
    public Tensor FineLags(OversampledChips chips, Tensor centreRow, Tensor centreColumn, int points)
    {
        using var halfPoints = (points / 2).ToScalar();
        var offsets = TorchScalars.Arange(points, ScalarType.Int64, centreRow.device).sub(halfPoints);
        var rows = TorchScalars.Add(centreRow.view(-1, 1), offsets.view(1, -1));      // [B, P] fine lags
        var columns = TorchScalars.Add(centreColumn.view(-1, 1), offsets.view(1, -1));
        // The DFT grid is centre + (i − (P−1)/2)·spacing: shift the centre by ((P−1)/2 − P/2) fine samples.
        using var inverseFactor = (1.0 / Factor).ToScalar();
        using var shift = (((points - 1) / 2.0 - points / 2) / Factor).ToScalar();
        var y = TorchScalars.Add(centreRow.to_type(ScalarType.Float32).mul(inverseFactor), shift);
        var x = TorchScalars.Add(centreColumn.to_type(ScalarType.Float32).mul(inverseFactor), shift);
        var numerator = _numerator.Evaluate(chips.Cross, y, x, points, 1.0 / Factor);
        return Normalise(chips, numerator, Boxes(rows), Boxes(columns));
    }

    private Tensor Normalise(OversampledChips chips, Tensor numerator, Tensor rowBoxes, Tensor columnBoxes)
    {
        using var perPixel = (1.0 / ((double)Factor * Factor)).ToScalar();
        using var templatePixels = ((double)TemplateSize * TemplateSize).ToScalar();
        var columnsT = columnBoxes.transpose(-1, -2);
        var sum = rowBoxes.matmul(chips.Fine).matmul(columnsT).mul(perPixel);
        var squares = rowBoxes.matmul(chips.FineSquares).matmul(columnsT).mul(perPixel);
        var variance = (squares - TorchScalars.Square(sum).div(templatePixels)).clamp_min(VarianceFloor);
        return numerator / (chips.TemplateEnergy.view(-1, 1, 1) * variance).sqrt().clamp_min(DenominatorFloor);
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
                double gain = h is null ? 1 : Math.Pow(h(Frequency(y, size)) * h(Frequency(x, size)), 2);
                if (even && y == size / 2) gain *= 0.5;
                if (even && x == size / 2) gain *= 0.5;
                bool selfConjugate = x == 0 || (even && x == columns - 1);
                cross[y * columns + x] = (float)gain;
                energy[y * columns + x] = (float)(selfConjugate ? gain : 2 * gain);
            }
        return (cross, energy);
    }

    private static double Frequency(int index, int size) => (index <= size / 2 ? index : index - size) / (double)size;

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

    // Rows of 0/1 band matrices [..., kN]: 1 on the template's fine footprint shifted by each fine lag f,
    // samples (kM + f + j) mod kN, j = 0..k·t−1.
    private Tensor Boxes(Tensor fineLags)
    {
        int big = FineSize;
        using var first = (Factor * Margin).ToScalar();
        using var period = big.ToScalar();
        using var length = (Factor * TemplateSize).ToScalar();
        var samples = TorchScalars.Arange(big, ScalarType.Int64, fineLags.device);
        var start = TorchScalars.Add(fineLags.unsqueeze(-1), first);
        return (samples - start).remainder(period).lt(length).to_type(ScalarType.Float32);
    }

    public void Dispose()
    {
        _crossWeight.Dispose();
        _energyWeight.Dispose();
        _interpolation.Dispose();
        _lagIndex.Dispose();
        _integerBoxes.Dispose();
        _numerator.Dispose();
    }
}

/// <summary>
/// What <see cref="OversampledTemplateCorrelation.Prepare"/> gives: the cross spectrum conj(F[T]·H)·F[S]·H
/// [B, N, N/2+1], ‖T·H‖² [B], and the oversampled smoothed search chip and its square [B, kN, kN].
/// </summary>
public sealed record OversampledChips(Tensor Cross, Tensor TemplateEnergy, Tensor Fine, Tensor FineSquares);
