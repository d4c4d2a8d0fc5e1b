using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Frequency;

/// <summary>
/// The frequency grid of rfft2 half spectra of N×N windows, flattened to K = N·(N/2+1) entries: ωx ≥ 0, ωy of
/// either sign. Every column but the self-conjugate ones (ωx = 0 and, N even, ωx = ½) stands for two
/// frequencies, ω and −ω, whose phases are opposite; in a least-squares fit of an odd model (the phase plane) both
/// contribute the same, so doubling their weight (<see cref="ColumnWeight"/>) makes half-plane sums equal full-plane
/// ones at half the cost.
/// </summary>
public sealed class HalfSpectrum : IDisposable
{
    // Frequencies whose anti-aliasing weight is below this (relative to 1 at DC) are left out of the fit altogether.
    private const double FitBandFloor = 0.02;

    /// <param name="n">Window edge (even).</param>
    /// <param name="spectralWeighting">p of the extra weight cos^p(πωx)·cos^p(πωy) (0 = none).</param>
    /// <param name="device">Where the grids live.</param>
    public HalfSpectrum(int n, double spectralWeighting, Device device)
    {
        if (n < 8 || n % 4 != 0) throw new ArgumentOutOfRangeException(nameof(n), $"The frequency correlator needs a window that is a multiple of 4 (got {n}).");
        N = n;
        Columns = n / 2 + 1;
        K = n * Columns;
        var fx = new float[K];
        var fy = new float[K];
        var columnWeight = new float[K];
        var usable = new bool[K];
        var spectral = new float[K];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < Columns; c++)
            {
                int k = r * Columns + c;
                fx[k] = (float)c / n;
                fy[k] = (float)((r <= n / 2 - 1 ? r : r - n)) / n; // fftfreq: row N/2 is −½
                columnWeight[k] = c == 0 || c == Columns - 1 ? 1f : 2f;
                // The Nyquist row and column have no sign (+½ and −½ are the same sample) and DC carries no shift.
                usable[k] = r != n / 2 && c != Columns - 1 && (r != 0 || c != 0);
                spectral[k] = spectralWeighting == 0 ? 1f
                    : (float)Math.Pow(Math.Abs(Math.Cos(Math.PI * fx[k]) * Math.Cos(Math.PI * fy[k])), spectralWeighting);
            }
        // Temporaries live in this scope (an unreferenced one could be finalized mid-call); the grids are detached
        // from it and from any caller's scope: they are owned here.
        using var scope = NewDisposeScope();
        ColumnWeight = tensor(columnWeight, device: device).DetachFromDisposeScope();
        Usable = tensor(usable, device: device).to_type(ScalarType.Float32).DetachFromDisposeScope();
        SpectralWeight = tensor(spectral, device: device).DetachFromDisposeScope();

        // The fit band: usable frequencies with a non-negligible anti-aliasing weight.
        var fit = Enumerable.Range(0, K).Where(k => usable[k] && spectral[k] >= FitBandFloor).Select(k => (long)k).ToArray();
        FitIndex = tensor(fit, device: device).DetachFromDisposeScope();
        FitWeight = tensor(fit.Select(k => columnWeight[k] * spectral[k]).ToArray(), device: device).DetachFromDisposeScope();
        // |ω| ≤ ¼ cycle/pixel: there the residual phase 2π ω·e of a residual |e| ≤ ½ px cannot wrap.
        FitLowBand = tensor(fit.Select(k => Math.Abs(fx[k]) <= 0.25 && Math.Abs(fy[k]) <= 0.25 ? 1f : 0f).ToArray(), device: device).DetachFromDisposeScope();
        var frequencies = new float[fit.Length * 2];
        var moments = new float[fit.Length * 3];
        for (int i = 0; i < fit.Length; i++)
        {
            float x = fx[fit[i]], y = fy[fit[i]];
            frequencies[2 * i] = x;
            frequencies[2 * i + 1] = y;
            moments[3 * i] = x * x;
            moments[3 * i + 1] = x * y;
            moments[3 * i + 2] = y * y;
        }
        FitFrequencies = tensor(frequencies, [fit.Length, 2], device: device).DetachFromDisposeScope();
        FitFrequenciesT = FitFrequencies.t().contiguous().DetachFromDisposeScope();
        FitMoments = tensor(moments, [fit.Length, 3], device: device).DetachFromDisposeScope();

        // The |ω| < ¼ block rearranged as the rfft2 half spectrum of an N/2 grid (its Nyquist row taken from +¼), for
        // the integer peak at 2-pixel spacing.
        int small = n / 2, smallColumns = small / 2 + 1;
        var low = new long[small * smallColumns];
        for (int r = 0; r < small; r++)
        {
            int bigRow = r <= small / 2 ? r : n - (small - r);
            for (int c = 0; c < smallColumns; c++) low[r * smallColumns + c] = bigRow * Columns + c;
        }
        LowIndex = tensor(low, device: device).DetachFromDisposeScope();
    }

    public int N { get; }
    public int Columns { get; }
    public int K { get; }

    /// <summary>[K]: 1 on self-conjugate columns, 2 elsewhere.</summary>
    public Tensor ColumnWeight { get; }

    /// <summary>[K] 0/1: frequencies that carry shift information (no DC, no Nyquist).</summary>
    public Tensor Usable { get; }

    /// <summary>[K]: cos^p(πωx)·cos^p(πωy), the anti-aliasing weight.</summary>
    public Tensor SpectralWeight { get; }

    /// <summary>[K'] int64: the flat indices of the fit band (usable, anti-aliasing weight ≥ 2 %).</summary>
    public Tensor FitIndex { get; }

    /// <summary>[K']: column weight · anti-aliasing weight over the fit band.</summary>
    public Tensor FitWeight { get; }

    /// <summary>[K'] 0/1: fit-band frequencies with |ωx|, |ωy| ≤ ¼.</summary>
    public Tensor FitLowBand { get; }

    /// <summary>[K', 2] (ωx, ωy) in cycles/pixel over the fit band, and its transpose [2, K'].</summary>
    public Tensor FitFrequencies { get; }

    public Tensor FitFrequenciesT { get; }

    /// <summary>[K', 3] (ωx², ωx·ωy, ωy²) over the fit band.</summary>
    public Tensor FitMoments { get; }

    /// <summary>[N/2 · (N/4+1)] int64: the |ω| &lt; ¼ block in the rfft2 layout of an N/2 grid.</summary>
    public Tensor LowIndex { get; }

    public void Dispose()
    {
        ColumnWeight.Dispose();
        Usable.Dispose();
        SpectralWeight.Dispose();
        FitIndex.Dispose();
        FitWeight.Dispose();
        FitLowBand.Dispose();
        FitFrequencies.Dispose();
        FitFrequenciesT.Dispose();
        FitMoments.Dispose();
        LowIndex.Dispose();
    }
}
