using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Windows;

/// <summary>
/// Separable binomial smoothing of [B, N, N] windows ([1 2 1]/4: response cos²(πω) per axis; [1 4 6 4 1]/16: cos⁴),
/// with replicated edges so the window keeps its size. Used as an anti-peak-locking pre-filter: it weighs down the
/// aliased high frequencies of detected amplitude, which otherwise pull sub-pixel peaks toward integer lags.
/// </summary>
/// <remarks>
/// The convolution with replicated edges is linear in each axis, so it is the band matrix
/// B[i, clamp(i + k − p, 0, N−1)] += c_k (for [1 2 1]/4: tridiagonal, first and last rows ¾, ¼) and the smoothed
/// window is B·S·Bᵀ — two small matrix products, which MKL runs several times faster than conv2d with a 3-tap kernel.
/// </remarks>
public sealed class BinomialSmoothing : IDisposable
{
    private readonly Tensor _matrix;     // B [N, N]
    private readonly Tensor _transposed; // Bᵀ

    private BinomialSmoothing(int taps, int size, Device device)
    {
        Taps = taps;
        Size = size;
        int p = taps / 2;
        var matrix = new float[size * size];
        for (int i = 0; i < size; i++)
            for (int k = 0; k < taps; k++)
                matrix[i * size + Math.Clamp(i + k - p, 0, size - 1)] += (float)(Binomial(taps - 1, k) / Math.Pow(2, taps - 1));
        // Owned here (disposed in Dispose), never by a caller's dispose scope.
        using var scope = NewDisposeScope();
        var b = tensor(matrix, [size, size], device: device);
        _matrix = b.DetachFromDisposeScope();
        _transposed = b.t().contiguous().DetachFromDisposeScope();
    }

    public int Taps { get; }
    public int Size { get; }

    /// <summary>The filter for <paramref name="taps"/> (odd, ≥ 3) on <paramref name="size"/>² windows, or null for none (0 or 1).</summary>
    public static BinomialSmoothing? Create(int taps, int size, Device device)
    {
        Validate(taps);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return taps <= 1 ? null : new BinomialSmoothing(taps, size, device);
    }

    public static void Validate(int taps)
    {
        if (taps is < 0 or > 9 || (taps > 1 && taps % 2 == 0))
            throw new ArgumentOutOfRangeException(nameof(taps), $"Smoothing takes 0 or 1 (none) or an odd number of taps from 3 to 9 (got {taps}).");
    }

    /// <summary>[B, N, N] windows smoothed: B·S·Bᵀ.</summary>
    public Tensor Apply(Tensor windows) => _matrix.matmul(windows).matmul(_transposed);

    /// <summary>
    /// The inner [B, L, L] part (rows and columns first..first+L−1) of the smoothed windows — the same values as
    /// <see cref="Apply"/> there (the edge replication still reads the whole window), for L/N of the work.
    /// </summary>
    public Tensor ApplyInner(Tensor windows, int first, int length) =>
        _matrix.narrow(0, first, length).matmul(windows).matmul(_transposed.narrow(1, first, length));

    /// <summary>
    /// The filter's response along one axis, as a function of frequency ω in cycles per pixel: cos^(taps−1)(πω/g).
    /// g = 1 for the filter on the pixel grid; g = k for the filter on the k×-oversampled grid seen from the native
    /// spectrum (½ at Nyquist for [1 2 1] and k = 2). Applied as a product of spectra the filter is circular (the
    /// convolution replicates edges instead; the two differ only within a pixel of the window edge). Null for none.
    /// </summary>
    public static Func<double, double>? AxisResponse(int taps, int grid)
    {
        Validate(taps);
        ArgumentOutOfRangeException.ThrowIfLessThan(grid, 1);
        if (taps <= 1) return null;
        return frequency => Math.Pow(Math.Cos(Math.PI * frequency / grid), taps - 1);
    }

    private static double Binomial(int n, int k)
    {
        double c = 1;
        for (int i = 1; i <= k; i++) c = c * (n - k + i) / i;
        return c;
    }

    public void Dispose()
    {
        _matrix.Dispose();
        _transposed.Dispose();
    }
}
