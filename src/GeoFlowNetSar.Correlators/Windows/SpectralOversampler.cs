using GeoFlowNetSar.TorchSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Windows;

/// <summary>
/// Oversamples [B, N, N] real windows by an integer factor k with FFT zero-padding (trigonometric interpolation,
/// as Ampcor oversamples its chips), giving [B, kN, kN]. The Nyquist row and column of even N are split evenly
/// between +½ and −½ so the result stays real and symmetric. Samples of the original grid are reproduced exactly.
/// </summary>
public static class SpectralOversampler
{
    public static Tensor Apply(Tensor windows, int factor)
    {
        if (factor == 1) return windows;
        return FromHalfSpectrum(fft.rfft2(windows), (int)windows.shape[1], factor);
    }

    /// <summary>The same from the windows' rfft2 half spectrum [B, N, N/2+1] (N the window edge).</summary>
    public static Tensor FromHalfSpectrum(Tensor spectrum, int n, int factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        if (factor == 1) return fft.irfft2(spectrum, s: [n, n]);
        long batch = spectrum.shape[0];
        int big = factor * n;
        int half = n / 2;
        bool even = n % 2 == 0;
        Tensor rows;
        if (even)
        {
            // Rows 0..N/2−1 stay, the Nyquist row N/2 is split in two, rows N/2+1..N−1 move to the end.
            var nyquist = spectrum.narrow(1, half, 1).mul(TorchScalars.Half);
            var gap = zeros([batch, big - n - 1, half + 1], dtype: spectrum.dtype, device: spectrum.device);
            rows = cat([spectrum.narrow(1, 0, half), nyquist, gap, nyquist, spectrum.narrow(1, half + 1, n - half - 1)], 1);
            // The Nyquist column becomes an ordinary column whose conjugate partner irfft implies: halve it.
            var scale = Enumerable.Repeat(1f, half + 1).ToArray();
            scale[half] = 0.5f;
            rows = rows * tensor(scale, device: spectrum.device);
        }
        else
        {
            var gap = zeros([batch, big - n, half + 1], dtype: spectrum.dtype, device: spectrum.device);
            rows = cat([spectrum.narrow(1, 0, half + 1), gap, spectrum.narrow(1, half + 1, n - half - 1)], 1);
        }
        var columns = zeros([batch, big, big / 2 + 1 - (half + 1)], dtype: spectrum.dtype, device: spectrum.device);
        var padded = cat([rows, columns], 2);
        using var gain = ((double)factor * factor).ToScalar();
        return fft.irfft2(padded, s: [big, big]).mul(gain);
    }
}
