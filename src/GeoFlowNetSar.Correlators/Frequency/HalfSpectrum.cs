using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Frequency;

/// <summary>
/// The frequency grid of rfft2 half spectra of N×N windows, K = N·(N/2+1) entries: ωx ≥ 0, ωy of either sign. Every
/// column but the self-conjugate ones (ωx = 0 and, N even, ωx = ½) stands for two frequencies, ω and −ω, whose
/// phases are opposite; in a least-squares fit of an odd model (the phase plane) both contribute the same, so
/// doubling their weight makes half-plane sums equal full-plane ones at half the cost.
/// The correlator works on the spectrum rearranged once per batch into the <em>fit order</em>, real and imaginary
/// parts in separate planes (<see cref="PlanarOrder"/>), so that every later stage reads a leading slice:
/// <list type="number">
/// <item>the |ω| &lt; ¼ block laid out as the rfft2 half spectrum of an N/2 grid (its Nyquist row taken from +¼):
/// the phase correlation at 2-pixel spacing that places the integer peak (<see cref="PeakBlockSize"/> entries);</item>
/// <item>the row ωy = −¼ of that block: with (1) the band |ωx|, |ωy| ≤ ¼ of the fit's first iteration, where the
/// residual phase 2π ω·e of a start off by |e| ≤ ½ px cannot wrap (<see cref="LowBandCount"/> entries);</item>
/// <item>the rest of the fit band: usable frequencies (no DC, no Nyquist row or column) whose anti-aliasing weight
/// is not negligible (<see cref="FitCount"/> entries up to here);</item>
/// <item>everything else (the Nyquist row and column, frequencies below the anti-aliasing floor).</item>
/// </list>
/// Entries of (1)–(2) outside the fit band (DC, or below the floor) carry a zero fit weight.
/// </summary>
public sealed class HalfSpectrum : IDisposable
{
    // Frequencies whose anti-aliasing weight is below this (relative to 1 at DC) are left out of the fit altogether.
    private const double FitBandFloor = 0.02;

    /// <param name="n">Window edge (a multiple of 4).</param>
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
        bool InFitBand(int k) => usable[k] && spectral[k] >= FitBandFloor;

        // The fit order (see the class summary).
        int small = n / 2, smallColumns = small / 2 + 1;
        var order = new List<int>(K);
        var sign = new List<float>();
        for (int r = 0; r < small; r++)
        {
            int bigRow = r <= small / 2 ? r : n - (small - r);
            for (int c = 0; c < smallColumns; c++)
            {
                int k = bigRow * Columns + c;
                order.Add(k);
                // (−1)^(r+c) moves the zero lag of the N/2-grid correlation to its centre (a roll by N/4 on each axis).
                sign.Add(usable[k] ? ((r + c) % 2 == 0 ? 0.5f : -0.5f) : 0f);
            }
        }
        PeakBlockSize = order.Count;
        for (int c = 0; c < smallColumns; c++) order.Add((n - small / 2) * Columns + c);
        LowBandCount = order.Count;
        var placed = new bool[K];
        foreach (int k in order) placed[k] = true;
        for (int k = 0; k < K; k++)
            if (!placed[k] && InFitBand(k)) { order.Add(k); placed[k] = true; }
        FitCount = order.Count;
        for (int k = 0; k < K; k++)
            if (!placed[k]) order.Add(k);

        var planar = new long[2 * K];
        var inverse = new long[K];
        for (int i = 0; i < K; i++)
        {
            planar[i] = 2L * order[i];
            planar[K + i] = 2L * order[i] + 1;
            inverse[order[i]] = i;
        }
        var fitWeight = new float[FitCount];
        var frequencies = new float[2 * FitCount];
        var moments = new float[3 * FitCount];
        for (int i = 0; i < FitCount; i++)
        {
            int k = order[i];
            fitWeight[i] = InFitBand(k) ? 0.5f * columnWeight[k] * spectral[k] : 0f;
            float x = fx[k], y = fy[k];
            frequencies[i] = x;
            frequencies[FitCount + i] = y;
            moments[i] = x * x;
            moments[FitCount + i] = x * y;
            moments[2 * FitCount + i] = y * y;
        }

        // Temporaries live in this scope (an unreferenced one could be finalized mid-call); the grids are detached
        // from it and from any caller's scope: they are owned here.
        using var scope = NewDisposeScope();
        PlanarOrder = tensor(planar, device: device).DetachFromDisposeScope();
        InverseOrder = tensor(inverse, device: device).DetachFromDisposeScope();
        ColumnWeight = tensor(order.Select(k => columnWeight[k]).ToArray(), device: device).DetachFromDisposeScope();
        HalfUsableSpectralWeight = tensor(order.Select(k => usable[k] ? 0.5f * spectral[k] : 0f).ToArray(), device: device).DetachFromDisposeScope();
        HalfFitWeight = tensor(fitWeight, device: device).DetachFromDisposeScope();
        FitFrequenciesT = tensor(frequencies, [2, FitCount], device: device).DetachFromDisposeScope();
        FitMomentsT = tensor(moments, [3, FitCount], device: device).DetachFromDisposeScope();
        HalfPeakSign = tensor(sign.ToArray(), device: device).DetachFromDisposeScope();
    }

    public int N { get; }
    public int Columns { get; }
    public int K { get; }

    /// <summary>Entries (1) of the fit order: the |ω| &lt; ¼ block, N/2 × (N/4+1), in rfft2 layout.</summary>
    public int PeakBlockSize { get; }

    /// <summary>Entries (1)–(2) of the fit order: |ωx|, |ωy| ≤ ¼.</summary>
    public int LowBandCount { get; }

    /// <summary>Entries (1)–(3) of the fit order: the frequencies the phase-plane fit reads.</summary>
    public int FitCount { get; }

    /// <summary>
    /// [2K] int64: indices into view_as_real(C).flatten(1) of a [B, K] half spectrum C that give the real parts in
    /// fit order, then the imaginary parts in fit order.
    /// </summary>
    public Tensor PlanarOrder { get; }

    /// <summary>[K] int64: the position in the fit order of each natural (rfft2 flat) index.</summary>
    public Tensor InverseOrder { get; }

    /// <summary>[K], fit order: 1 on self-conjugate columns, 2 elsewhere.</summary>
    public Tensor ColumnWeight { get; }

    /// <summary>[K], fit order: ½ · usable · anti-aliasing weight cos^p(πωx)·cos^p(πωy).</summary>
    public Tensor HalfUsableSpectralWeight { get; }

    /// <summary>[FitCount]: ½ · column weight · anti-aliasing weight on the fit band, 0 elsewhere.</summary>
    public Tensor HalfFitWeight { get; }

    /// <summary>[2, FitCount]: (ωx, ωy) in cycles/pixel, one row each.</summary>
    public Tensor FitFrequenciesT { get; }

    /// <summary>[3, FitCount]: ωx², ωx·ωy, ωy², one row each.</summary>
    public Tensor FitMomentsT { get; }

    /// <summary>[PeakBlockSize]: ½ · (−1)^(row+column) of the N/2 grid on usable frequencies, 0 at DC.</summary>
    public Tensor HalfPeakSign { get; }

    public void Dispose()
    {
        PlanarOrder.Dispose();
        InverseOrder.Dispose();
        ColumnWeight.Dispose();
        HalfUsableSpectralWeight.Dispose();
        HalfFitWeight.Dispose();
        FitFrequenciesT.Dispose();
        FitMomentsT.Dispose();
        HalfPeakSign.Dispose();
    }
}
