namespace GeoFlowNetSar.Correlators.Frequency;

/// <summary>
/// The separable raised-cosine (Tukey) apodisation of COSI-Corr: flat in the middle, cos² roll-off over a
/// fraction β of the edge. It suppresses the edge discontinuity that the FFT's periodic wrap would otherwise
/// turn into a strong zero-shift peak.
/// </summary>
public static class RaisedCosineWindow
{
    /// <summary>The 1-D profile; the window is its outer product with itself.</summary>
    public static float[] Profile(int n, double beta)
    {
        var profile = new float[n];
        double taper = beta * n / 2;
        for (int i = 0; i < n; i++)
        {
            double fromEdge = Math.Min(i + 0.5, n - i - 0.5);
            profile[i] = (float)(taper <= 0 || fromEdge >= taper ? 1 : Math.Pow(Math.Sin(Math.PI / 2 * fromEdge / taper), 2));
        }
        return profile;
    }

    public static float[] Create(int n, double beta)
    {
        var profile = Profile(n, beta);
        var window = new float[n * n];
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
                window[y * n + x] = profile[y] * profile[x];
        return window;
    }
}
