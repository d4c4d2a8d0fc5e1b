using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;

namespace GeoFlowNetSar.Model.Network;

/// <summary>
/// The network's input transform, shared by training and inference so both see identical inputs: per patch
/// and per channel, v = log(a + ε) with ε = <see cref="RelativeEpsilon"/> × mean amplitude (so the result does
/// not depend on the amplitude's calibration scale), then (v − mean) / std.
/// A patch with more than <see cref="WindowUsability.MaxInvalidFraction"/> non-finite pixels, or without texture
/// (constant amplitude), is unusable (the estimator returns NaN for it): <see cref="WindowUsability"/>, the same rule
/// as the correlators' window batch.
/// Non-finite pixels of a usable patch are set to the mean (0 after standardisation); negative amplitudes are
/// treated as 0.
/// </summary>
public static class InputNormalisation
{
    /// <summary>ε relative to the patch's mean amplitude: bounds log(0) at about mean-log − 4.6.</summary>
    public const double RelativeEpsilon = 1e-2;

    /// <summary>
    /// Writes the standardised log-amplitude of <paramref name="amplitude"/> into <paramref name="destination"/>
    /// (same length; may be the same memory). Returns false, and writes zeros, when the patch is unusable.
    /// </summary>
    public static bool Normalise(ReadOnlySpan<float> amplitude, Span<float> destination)
    {
        if (destination.Length != amplitude.Length)
            throw new ArgumentException($"Expected {amplitude.Length} values, got {destination.Length}.", nameof(destination));
        int n = amplitude.Length;
        var statistics = WindowUsability.Measure(amplitude, negativeAsZero: true);
        if (!statistics.IsUsable)
        {
            destination.Clear();
            return false;
        }
        double mean = statistics.Mean;
        int finite = statistics.Finite;

        double epsilon = RelativeEpsilon * mean;
        double logSum = 0;
        for (int i = 0; i < n; i++)
        {
            float a = amplitude[i];
            if (float.IsFinite(a))
            {
                double v = Math.Log(Math.Max(a, 0f) + epsilon);
                destination[i] = (float)v;
                logSum += v;
            }
            else
            {
                destination[i] = float.NaN;
            }
        }
        double logMean = logSum / finite;
        double logSquares = 0;
        for (int i = 0; i < n; i++)
        {
            if (float.IsNaN(destination[i])) { destination[i] = (float)logMean; continue; }
            double d = destination[i] - logMean;
            logSquares += d * d;
        }
        double logStd = Math.Sqrt(logSquares / n);
        if (!(logStd > 0))
        {
            destination.Clear();
            return false;
        }
        for (int i = 0; i < n; i++) destination[i] = (float)((destination[i] - logMean) / logStd);
        return true;
    }

    /// <summary>
    /// Copies the <paramref name="size"/>×<paramref name="size"/> window at <paramref name="origin"/> of
    /// <paramref name="image"/> into <paramref name="destination"/> (row-major) and normalises it in place.
    /// </summary>
    public static bool NormaliseWindow(FloatImage image, WindowOrigin origin, int size, Span<float> destination)
    {
        if (origin.X < 0 || origin.Y < 0 || origin.X + size > image.Width || origin.Y + size > image.Height)
            throw new ArgumentOutOfRangeException(nameof(origin), $"The {size}×{size} window at ({origin.X}, {origin.Y}) is outside the {image.Width}×{image.Height} image.");
        var window = destination[..(size * size)];
        for (int y = 0; y < size; y++)
            image.Pixels.AsSpan((origin.Y + y) * image.Width + origin.X, size).CopyTo(window.Slice(y * size, size));
        return Normalise(window, window);
    }

    /// <summary>
    /// Builds one network input sample [2, H, W] (PRE channel then POST channel) into <paramref name="destination"/>
    /// (length 2·H·W). Returns false when either image is unusable.
    /// </summary>
    public static bool NormalisePair(ReadOnlySpan<float> pre, ReadOnlySpan<float> post, Span<float> destination)
    {
        int n = pre.Length;
        if (post.Length != n) throw new ArgumentException("PRE and POST need as many pixels.", nameof(post));
        bool preOk = Normalise(pre, destination[..n]);
        bool postOk = Normalise(post, destination.Slice(n, n));
        return preOk & postOk;
    }
}
