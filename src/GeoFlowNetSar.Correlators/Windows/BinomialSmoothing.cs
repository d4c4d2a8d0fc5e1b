using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Windows;

/// <summary>
/// Separable binomial smoothing of [B, N, N] windows ([1 2 1]/4: response cos²(πω) per axis; [1 4 6 4 1]/16: cos⁴),
/// with replicated edges so the window keeps its size. Used as an anti-peak-locking pre-filter: it weighs down the
/// aliased high frequencies of detected amplitude, which otherwise pull sub-pixel peaks toward integer lags.
/// </summary>
public sealed class BinomialSmoothing : IDisposable
{
    private readonly Tensor _rows;
    private readonly Tensor _columns;
    private readonly int _taps;

    private BinomialSmoothing(int taps, Device device)
    {
        _taps = taps;
        var kernel = new float[taps];
        for (int k = 0; k < taps; k++) kernel[k] = (float)(Binomial(taps - 1, k) / Math.Pow(2, taps - 1));
        // Owned here (disposed in Dispose), never by a caller's dispose scope.
        _rows = tensor(kernel, [1, 1, 1, taps], device: device).DetachFromDisposeScope();
        _columns = tensor(kernel, [1, 1, taps, 1], device: device).DetachFromDisposeScope();
    }

    /// <summary>The filter for <paramref name="taps"/> (odd, ≥ 3), or null for none (0 or 1).</summary>
    public static BinomialSmoothing? Create(int taps, Device device)
    {
        Validate(taps);
        return taps <= 1 ? null : new BinomialSmoothing(taps, device);
    }

    public static void Validate(int taps)
    {
        if (taps is < 0 or > 9 || (taps > 1 && taps % 2 == 0))
            throw new ArgumentOutOfRangeException(nameof(taps), $"Smoothing takes 0 or 1 (none) or an odd number of taps from 3 to 9 (got {taps}).");
    }

    public Tensor Apply(Tensor windows)
    {
        int p = _taps / 2;
        var x = nn.functional.pad(windows.unsqueeze(1), [p, p, p, p], TorchSharp.PaddingModes.Replicate);
        x = nn.functional.conv2d(x, _rows);
        x = nn.functional.conv2d(x, _columns);
        return x.squeeze(1);
    }

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
        _rows.Dispose();
        _columns.Dispose();
    }
}
