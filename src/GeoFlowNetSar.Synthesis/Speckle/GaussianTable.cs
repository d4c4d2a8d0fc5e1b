namespace GeoFlowNetSar.Synthesis.Speckle;

/// <summary>
/// Standard normal deviates by table look-up: 16 random bits index the 65536 quantiles Φ⁻¹((i + ½)/65536),
/// rescaled to unit variance. One 64-bit hash therefore gives four N(0, 1) values for a few nanoseconds, which is
/// what makes white complex noise for two fields cheap. The quantisation (CDF steps of 1/65536, tails cut at
/// ±4.17σ) is invisible after band-limiting, which sums dozens of samples per output pixel.
/// </summary>
public static class GaussianTable
{
    private static readonly float[] Table = Build();

    public static ReadOnlySpan<float> Values => Table;

    /// <summary>N(0, 1) from the 16 bits of <paramref name="h"/> at bit offset <paramref name="shift"/> (0, 16, 32, 48).</summary>
    public static float Normal(ulong h, int shift) => Table[(int)((h >> shift) & 0xFFFF)];

    private static float[] Build()
    {
        var t = new double[1 << 16];
        double sumSq = 0;
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = InverseNormal((i + 0.5) / t.Length);
            sumSq += t[i] * t[i];
        }
        // The table is symmetric (mean exactly 0); rescale so the variance is exactly 1.
        double scale = 1 / Math.Sqrt(sumSq / t.Length);
        var table = new float[t.Length];
        for (int i = 0; i < t.Length; i++) table[i] = (float)(t[i] * scale);
        return table;
    }

    /// <summary>Φ⁻¹(p), Acklam's rational approximation (relative error &lt; 1.2e-9), enough for a float table.</summary>
    internal static double InverseNormal(double p)
    {
        ReadOnlySpan<double> a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        ReadOnlySpan<double> b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        ReadOnlySpan<double> c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        ReadOnlySpan<double> d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425, high = 1 - low;
        if (p < low)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
                   ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > high) return -InverseNormal(1 - p);
        double r = p - 0.5, s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r /
               (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}
