using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Surfaces;

/// <summary>
/// Inverse-DFT kernels at chosen lags: Kr [L, N] and Kc [N/2+1, L] with entries e^{+i2πf·s/N}, so that
/// Re(Kr·X·Kc)/N² is irfft2 of the half spectrum X [B, N, N/2+1] evaluated at the lags s (rows and columns) — a
/// matrix DFT, far cheaper than a full inverse FFT when only a few lags are wanted. The irfft2 conventions: the
/// half spectrum's columns other than DC and Nyquist count twice; the Nyquist row and column of even N keep their
/// cosine only (the ±½ split), which at integer lags is exact anyway.
/// </summary>
public static class LagDftKernels
{
    public static (Tensor Rows, Tensor Columns) At(int size, IReadOnlyList<double> lags, Device device)
    {
        int count = lags.Count, columns = size / 2 + 1;
        bool even = size % 2 == 0;
        var rowRe = new float[count * size];
        var rowIm = new float[count * size];
        var colRe = new float[columns * count];
        var colIm = new float[columns * count];
        for (int l = 0; l < count; l++)
        {
            for (int f = 0; f < size; f++)
            {
                double angle = 2 * Math.PI * SignedFrequency(f, size) * lags[l];
                rowRe[l * size + f] = (float)Math.Cos(angle);
                rowIm[l * size + f] = even && f == size / 2 ? 0f : (float)Math.Sin(angle);
            }
            for (int f = 0; f < columns; f++)
            {
                double angle = 2 * Math.PI * f / size * lags[l];
                double weight = f == 0 || (even && f == columns - 1) ? 1 : 2;
                colRe[f * count + l] = (float)(weight * Math.Cos(angle));
                colIm[f * count + l] = even && f == columns - 1 ? 0f : (float)(weight * Math.Sin(angle));
            }
        }
        var rows = complex(tensor(rowRe, [count, size], device: device), tensor(rowIm, [count, size], device: device));
        var cols = complex(tensor(colRe, [columns, count], device: device), tensor(colIm, [columns, count], device: device));
        return (rows, cols);
    }

    /// <summary>Frequency of rfft2 row <paramref name="index"/> in cycles per sample, in [−½, ½).</summary>
    public static double SignedFrequency(int index, int size) => (index <= size / 2 ? index : index - size) / (double)size;
}
