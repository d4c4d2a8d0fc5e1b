namespace GeoFlowNetSar.Core.Estimation;

/// <summary>
/// The one rule, shared by the correlators' window batch (on the device, with these constants) and the U-Net's input
/// normalisation, for whether a window can give an estimate at all: not when more than
/// <see cref="MaxInvalidFraction"/> of its pixels are non-finite (NaN, ±∞: no-data, layover masks, the scene edge),
/// and not when it has no texture — a standard deviation of at most <see cref="FlatRelativeStd"/> times its mean
/// magnitude, which is float noise on a constant image, not signal. Mean and standard deviation are over the finite
/// pixels.
/// </summary>
public static class WindowUsability
{
    /// <summary>Above this fraction of non-finite pixels a window gives no estimate.</summary>
    public const double MaxInvalidFraction = 0.1;

    /// <summary>Relative standard deviation (std / |mean|) at or below which a window is flat.</summary>
    public const double FlatRelativeStd = 1e-6;

    /// <summary>Lower bound of |mean| in the flatness test, so an all-zero window is flat rather than 0/0.</summary>
    public const double MeanFloor = 1e-30;

    /// <summary>The fewest finite pixels a window of <paramref name="pixels"/> pixels needs (at least 1).</summary>
    public static int MinFiniteCount(int pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pixels);
        // finite ≥ pixels·(1 − f) ⇔ finite ≥ ⌈pixels·(1 − f)⌉ for a whole number of pixels.
        return Math.Max(1, (int)Math.Ceiling(pixels * (1 - MaxInvalidFraction)));
    }

    /// <summary>True when no more than <see cref="MaxInvalidFraction"/> of the <paramref name="pixels"/> pixels are non-finite.</summary>
    public static bool HasEnoughFinite(int finite, int pixels) => pixels > 0 && finite >= MinFiniteCount(pixels);

    /// <summary>True when the standard deviation is more than <see cref="FlatRelativeStd"/> × max(|mean|, <see cref="MeanFloor"/>).</summary>
    public static bool IsTextured(double mean, double std) => std > FlatRelativeStd * Math.Max(Math.Abs(mean), MeanFloor);

    /// <summary>
    /// Pixel count, finite-pixel count, and mean and (population) standard deviation over the finite pixels of
    /// <paramref name="pixels"/>; with <paramref name="negativeAsZero"/>, negative values count as 0 (amplitudes).
    /// </summary>
    public static WindowStatistics Measure(ReadOnlySpan<float> pixels, bool negativeAsZero = false)
    {
        double sum = 0;
        int finite = 0;
        foreach (float p in pixels)
        {
            if (!float.IsFinite(p)) continue;
            sum += negativeAsZero ? Math.Max(p, 0f) : p;
            finite++;
        }
        if (finite == 0) return new WindowStatistics(pixels.Length, 0, double.NaN, double.NaN);
        double mean = sum / finite;
        double squares = 0;
        foreach (float p in pixels)
        {
            if (!float.IsFinite(p)) continue;
            double d = (negativeAsZero ? Math.Max(p, 0f) : p) - mean;
            squares += d * d;
        }
        return new WindowStatistics(pixels.Length, finite, mean, Math.Sqrt(squares / finite));
    }

    /// <summary>Whether <paramref name="pixels"/> can give an estimate (see <see cref="WindowUsability"/>).</summary>
    public static bool IsUsable(ReadOnlySpan<float> pixels, bool negativeAsZero = false) => Measure(pixels, negativeAsZero).IsUsable;
}

/// <summary>What <see cref="WindowUsability.Measure"/> finds: mean and standard deviation are over the finite pixels (NaN when there are none).</summary>
public readonly record struct WindowStatistics(int Pixels, int Finite, double Mean, double Std)
{
    public bool HasEnoughFinite => WindowUsability.HasEnoughFinite(Finite, Pixels);

    public bool IsTextured => Finite > 0 && WindowUsability.IsTextured(Mean, Std);

    public bool IsUsable => HasEnoughFinite && IsTextured;
}
