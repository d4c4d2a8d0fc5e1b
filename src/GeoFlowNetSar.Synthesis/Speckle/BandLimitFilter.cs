using System.Numerics;

namespace GeoFlowNetSar.Synthesis.Speckle;

/// <summary>
/// The SAR system's impulse response as a short separable symmetric FIR: it turns white complex noise into a
/// band-limited circular-Gaussian field (speckle) whose spectrum occupies the processed bandwidth only.
/// </summary>
/// <remarks>
/// Per axis the target spectrum is Sentinel-1's: flat band |f| ≤ B/2 (B = processed bandwidth / sampling rate,
/// ≈ 0.67–0.88 in range, ≈ 0.65–0.8 in azimuth) with generalised Hamming weighting
/// H(f) = α + (1 − α) cos(2πf/B) (α = 0.75 range, 0.70 azimuth), zero outside. The taps are its inverse DTFT
/// h[n] = ∫ H(f) cos(2πfn) df (numerical quadrature), truncated to |n| ≤ R with a mild Kaiser taper, and scaled to
/// Σh² = 1 so that filtering unit-variance white noise keeps unit variance: E|z|² = σ for reflectivity σ.
/// With R = 6 under 0.5 % of the power leaks outside |f| ≤ B/2. The field is filtered AFTER multiplying the
/// white noise by √σ (z = h ∗ (√σ·n)), as the real impulse response acts on the scene: the complex field is then
/// band-limited everywhere, edges and point targets included, which is what makes sub-pixel warping exact.
/// </remarks>
public sealed class BandLimitFilter
{
    private readonly float[] _range;
    private readonly float[] _azimuth;

    public BandLimitFilter(double rangeBandwidth, double azimuthBandwidth,
        double rangeWeighting = 0.75, double azimuthWeighting = 0.70, int radius = 6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(radius, 1);
        Radius = radius;
        RangeBandwidth = rangeBandwidth;
        AzimuthBandwidth = azimuthBandwidth;
        _range = Design(rangeBandwidth, rangeWeighting, radius);
        _azimuth = Design(azimuthBandwidth, azimuthWeighting, radius);
    }

    public int Radius { get; }
    public double RangeBandwidth { get; }
    public double AzimuthBandwidth { get; }

    /// <summary>Taps h[−R..R] along range (columns).</summary>
    public ReadOnlySpan<float> RangeTaps => _range;

    /// <summary>Taps h[−R..R] along azimuth (rows).</summary>
    public ReadOnlySpan<float> AzimuthTaps => _azimuth;

    /// <summary>Peak amplitude gain of a unit impulse, h_r[0]·h_a[0] (used to set point-target brightness).</summary>
    public double PeakGain => (double)_range[Radius] * _azimuth[Radius];

    private static float[] Design(double bandwidth, double alpha, int radius)
    {
        if (!(bandwidth > 0 && bandwidth <= 1)) throw new ArgumentOutOfRangeException(nameof(bandwidth), bandwidth, "use 0 < B ≤ 1 (fraction of the sampling rate)");
        const int steps = 2048;
        const double beta = 2.0;
        var taps = new double[2 * radius + 1];
        double df = bandwidth / steps, energy = 0;
        for (int n = 0; n <= radius; n++)
        {
            double sum = 0;
            for (int i = 0; i < steps; i++)
            {
                double f = -bandwidth / 2 + (i + 0.5) * df;
                sum += (alpha + (1 - alpha) * Math.Cos(2 * Math.PI * f / bandwidth)) * Math.Cos(2 * Math.PI * f * n);
            }
            double r = (double)n / (radius + 1);
            double window = BesselI0(beta * Math.Sqrt(1 - r * r)) / BesselI0(beta);
            taps[radius + n] = taps[radius - n] = sum * df * window;
        }
        foreach (double t in taps) energy += t * t;
        double scale = 1 / Math.Sqrt(energy);
        return Array.ConvertAll(taps, t => (float)(t * scale));
    }

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1;
        for (int k = 1; k < 40; k++)
        {
            term *= x / (2 * k) * (x / (2 * k));
            sum += term;
        }
        return sum;
    }

    /// <summary>
    /// Filters one real plane: <paramref name="input"/> is (w + 2R) × (h + 2R), <paramref name="output"/> w × h
    /// (only fully supported outputs, no edge handling). <paramref name="scratch"/> needs (w + 2R) × h.
    /// Azimuth pass first, then range; both symmetric (h[−k] = h[k], so one multiply per pair).
    /// </summary>
    public void Apply(ReadOnlySpan<float> input, int width, int height, Span<float> output, Span<float> scratch)
    {
        int r = Radius, wide = width + 2 * r;
        if (input.Length < wide * (height + 2 * r)) throw new ArgumentException("input too small", nameof(input));
        if (output.Length < width * height) throw new ArgumentException("output too small", nameof(output));
        if (scratch.Length < wide * height) throw new ArgumentException("scratch too small", nameof(scratch));

        ReadOnlySpan<float> ha = _azimuth, hr = _range;
        for (int y = 0; y < height; y++)
        {
            var dst = scratch.Slice(y * wide, wide);
            VerticalRow(input, wide, y + r, r, ha, dst);
        }
        for (int y = 0; y < height; y++)
            HorizontalRow(scratch.Slice(y * wide, wide), r, hr, output.Slice(y * width, width));
    }

    // dst[x] = h0·in[c][x] + Σ_k h_k·(in[c−k][x] + in[c+k][x]), c = centre row.
    private static void VerticalRow(ReadOnlySpan<float> input, int wide, int centre, int r, ReadOnlySpan<float> h, Span<float> dst)
    {
        var mid = input.Slice(centre * wide, wide);
        float h0 = h[r];
        int x = 0, vw = Vector<float>.Count;
        for (; x <= wide - vw; x += vw) (new Vector<float>(mid.Slice(x)) * h0).CopyTo(dst.Slice(x));
        for (; x < wide; x++) dst[x] = mid[x] * h0;
        for (int k = 1; k <= r; k++)
        {
            var up = input.Slice((centre - k) * wide, wide);
            var down = input.Slice((centre + k) * wide, wide);
            float hk = h[r + k];
            x = 0;
            for (; x <= wide - vw; x += vw)
                (new Vector<float>(dst.Slice(x)) + (new Vector<float>(up.Slice(x)) + new Vector<float>(down.Slice(x))) * hk).CopyTo(dst.Slice(x));
            for (; x < wide; x++) dst[x] = dst[x] + (up[x] + down[x]) * hk;
        }
    }

    // dst[x] = h0·src[x + r] + Σ_k h_k·(src[x + r − k] + src[x + r + k]).
    private static void HorizontalRow(ReadOnlySpan<float> src, int r, ReadOnlySpan<float> h, Span<float> dst)
    {
        int width = dst.Length, vw = Vector<float>.Count, x = 0;
        float h0 = h[r];
        for (; x <= width - vw; x += vw)
        {
            var acc = new Vector<float>(src.Slice(x + r)) * h0;
            for (int k = 1; k <= r; k++)
                acc += (new Vector<float>(src.Slice(x + r - k)) + new Vector<float>(src.Slice(x + r + k))) * h[r + k];
            acc.CopyTo(dst.Slice(x));
        }
        for (; x < width; x++)
        {
            float acc = src[x + r] * h0;
            for (int k = 1; k <= r; k++) acc += (src[x + r - k] + src[x + r + k]) * h[r + k];
            dst[x] = acc;
        }
    }
}
