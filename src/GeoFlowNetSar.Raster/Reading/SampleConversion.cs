namespace GeoFlowNetSar.Raster.Reading;

/// <summary>Turns what GDAL delivers into linear amplitude or complex planes.</summary>
internal static class SampleConversion
{
    // 10^(v/20) = e^(v·ln10/20); double keeps the result exact to float precision over the whole dB range.
    private const double Ln10Over20 = 0.11512925464970229;

    /// <summary>dB backscatter (10·log10 of intensity) to amplitude (sqrt of intensity), in place. NaN stays NaN.</summary>
    public static void DecibelsToAmplitude(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)Math.Exp(values[i] * Ln10Over20);
    }

    /// <summary>|z| of interleaved (re, im) Float32 pairs.</summary>
    public static void Magnitude(ReadOnlySpan<float> interleaved, Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            double re = interleaved[2 * i], im = interleaved[2 * i + 1];
            destination[i] = (float)Math.Sqrt(re * re + im * im);
        }
    }

    /// <summary>Interleaved (re, im) Float32 pairs into two planes.</summary>
    public static void Deinterleave(ReadOnlySpan<float> interleaved, Span<float> real, Span<float> imaginary)
    {
        for (int i = 0; i < real.Length; i++)
        {
            real[i] = interleaved[2 * i];
            imaginary[i] = interleaved[2 * i + 1];
        }
    }

    /// <summary>NaN in both planes where z equals the (real) nodata value: re = nodata and im = 0.</summary>
    public static void NoDataToNaN(Span<float> real, Span<float> imaginary, float noData)
    {
        for (int i = 0; i < real.Length; i++)
        {
            if (real[i] == noData && imaginary[i] == 0) real[i] = imaginary[i] = float.NaN;
        }
    }

    public static void NoDataToNaN(Span<float> values, float noData)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] == noData) values[i] = float.NaN;
        }
    }
}
