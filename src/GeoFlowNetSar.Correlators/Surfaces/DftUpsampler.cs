using GeoFlowNetSar.TorchSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Surfaces;

/// <summary>
/// Matrix-multiply DFT upsampling (Guizar-Sicairos, Thurman &amp; Fienup, Opt. Lett. 33(2), 2008): evaluates the
/// inverse DFT of a batch of half spectra (the rfft2 layout of real N×N surfaces) on a small, finely spaced grid of
/// P×P points around a per-window centre, as two batched matrix products Ky·X·Kx — the same values FFT
/// zero-padding by the upsampling factor would give there, for O(P·N²) instead of O((U·N)² log) work.
/// </summary>
/// <remarks>
/// Positions are in samples of the surface (a lag s of a correlation surface sits at s, negative lags included,
/// because the DFT is periodic). With X the half spectrum, the value at (y, x) is
/// (1/N²)·Re Σ_ky Σ_kx w_kx·X[ky, kx]·e^{+i2π(ky·y + kx·x)/N}, where w_kx = 1 on the self-conjugate columns
/// (DC and, for even N, Nyquist) and 2 elsewhere — irfft2's normalisation and symmetry — and, for even N, the
/// Nyquist row and column split evenly between +½ and −½ (e^{±iπy} → cos πy), so the interpolant is real and
/// symmetric, as FFT zero-padding with a split Nyquist bin gives.
/// </remarks>
public sealed class DftUpsampler : IDisposable
{
    private readonly Tensor _rowFrequency;    // [1, 1, N] cycles/sample
    private readonly Tensor _columnFrequency; // [1, H, 1]
    private readonly Tensor _columnWeight;    // [1, H, 1]
    private readonly Tensor _rowIsNyquist;    // [1, 1, N] (even N only)
    private readonly Tensor _columnIsNyquist; // [1, H, 1]

    public DftUpsampler(int size, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        Size = size;
        int half = size / 2 + 1;
        // Temporaries live in this scope (an unreferenced one could be finalized mid-call); the grids are detached
        // from it and from any caller's scope: they are owned here.
        using var scope = NewDisposeScope();
        _rowFrequency = fft.fftfreq(size, dtype: ScalarType.Float32, device: device).view(1, 1, size).DetachFromDisposeScope();
        _columnFrequency = fft.rfftfreq(size, dtype: ScalarType.Float32, device: device).view(1, half, 1).DetachFromDisposeScope();
        var weight = new float[half];
        for (int k = 0; k < half; k++) weight[k] = k == 0 || (size % 2 == 0 && k == half - 1) ? 1f : 2f;
        _columnWeight = tensor(weight, [1, half, 1], device: device).DetachFromDisposeScope();
        var rowNyquist = new bool[size];
        var columnNyquist = new bool[half];
        if (size % 2 == 0)
        {
            rowNyquist[size / 2] = true;
            columnNyquist[half - 1] = true;
        }
        _rowIsNyquist = tensor(rowNyquist, [1, 1, size], device: device).DetachFromDisposeScope();
        _columnIsNyquist = tensor(columnNyquist, [1, half, 1], device: device).DetachFromDisposeScope();
    }

    public int Size { get; }

    /// <summary>
    /// Values at y = centreY + (i − (P−1)/2)·spacing, x = centreX + (j − (P−1)/2)·spacing, as [B, P, P] float32
    /// (row i, column j), for <paramref name="spectrum"/> [B, N, N/2+1] complex and centres [B] in samples.
    /// </summary>
    public Tensor Evaluate(Tensor spectrum, Tensor centreY, Tensor centreX, int points, double spacing)
    {
        // e^{i2πf(c + o)} = e^{i2πf·c}·e^{i2πf·o}: the trigonometric functions are taken of the per-window centres
        // [B, N] and of the shared grid offsets [P, N] only, never of the whole [B, P, N] kernels.
        var offsets = Offsets(points, spacing, spectrum.device);
        var rowKernel = Kernel(centreY.view(-1, 1, 1) * _rowFrequency, offsets.view(1, -1, 1) * _rowFrequency, _rowIsNyquist); // [B, P, N]
        var columnKernel = Kernel(_columnFrequency * centreX.view(-1, 1, 1), _columnFrequency * offsets.view(1, 1, -1), _columnIsNyquist)
            * _columnWeight;                                                                                                    // [B, H, P]
        var values = rowKernel.bmm(spectrum).bmm(columnKernel);
        using var normalisation = (1.0 / ((double)Size * Size)).ToScalar();
        return values.real.mul(normalisation);
    }

    // e^{i2π(centre + offset)} for cycles = frequency × position, with the imaginary part dropped on the Nyquist row or
    // column: it stands for +½ and −½ at once, split evenly, e^{±iπy} → cos(πy), as FFT zero-padding does.
    private static Tensor Kernel(Tensor centreCycles, Tensor offsetCycles, Tensor isNyquist)
    {
        var centreAngle = centreCycles.mul(TorchScalars.TwoPi);
        var offsetAngle = offsetCycles.mul(TorchScalars.TwoPi);
        var (cosC, sinC, cosO, sinO) = (centreAngle.cos(), centreAngle.sin(), offsetAngle.cos(), offsetAngle.sin());
        var real = cosC * cosO - sinC * sinO;
        var imaginary = TorchScalars.Add(sinC * cosO, cosC * sinO);
        return complex(real, where(isNyquist, zeros_like(imaginary), imaginary));
    }

    /// <summary>The grid offsets (i − (P−1)/2)·spacing, i = 0..P−1, as a [P] float32 tensor.</summary>
    public static Tensor Offsets(int points, double spacing, Device device)
    {
        using var centre = ((points - 1) / 2.0).ToScalar();
        using var step = spacing.ToScalar();
        return TorchScalars.Arange(points, ScalarType.Float32, device).sub(centre).mul(step);
    }

    public void Dispose()
    {
        _rowFrequency.Dispose();
        _columnFrequency.Dispose();
        _columnWeight.Dispose();
        _rowIsNyquist.Dispose();
        _columnIsNyquist.Dispose();
    }
}
