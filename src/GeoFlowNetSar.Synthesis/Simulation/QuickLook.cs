using System.Text;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Samples;

namespace GeoFlowNetSar.Synthesis.Simulation;

/// <summary>The four images of a sample, as rasters.</summary>
public sealed record QuickLookImages(FloatImage Pre, FloatImage Post, FloatImage Dx, FloatImage Dy);

/// <summary>
/// Quick-look helpers for a CLI without image libraries: the four rasters, 8-bit stretches, a 2×2 mosaic
/// (PRE | POST over dx | dy) and a binary PGM encoding of it.
/// </summary>
public static class QuickLook
{
    /// <summary>Copies of PRE, POST (linear amplitude), dx and dy (pixels).</summary>
    public static QuickLookImages Images(SarPairSample sample)
    {
        int n = sample.Size;
        return new QuickLookImages(new FloatImage(n, n, (float[])sample.Pre.Clone()), new FloatImage(n, n, (float[])sample.Post.Clone()),
            new FloatImage(n, n, (float[])sample.Dx.Clone()), new FloatImage(n, n, (float[])sample.Dy.Clone()));
    }

    /// <summary>Amplitude in dB (20 log₁₀), linearly stretched between the given percentiles of <paramref name="reference"/>.</summary>
    public static byte[] AmplitudeToGray(FloatImage image, FloatImage? reference = null, double lowPercentile = 1, double highPercentile = 99)
    {
        static float Db(float a) => 20 * MathF.Log10(MathF.Max(a, 1e-6f));
        var refDb = Array.ConvertAll((reference ?? image).Pixels, Db);
        Array.Sort(refDb);
        float lo = refDb[(int)Math.Clamp(lowPercentile / 100 * (refDb.Length - 1), 0, refDb.Length - 1)];
        float hi = refDb[(int)Math.Clamp(highPercentile / 100 * (refDb.Length - 1), 0, refDb.Length - 1)];
        return Stretch(image.Pixels, Db, lo, hi);
    }

    /// <summary>Displacement with 0 at mid-grey and ±<paramref name="limit"/> at black/white.</summary>
    public static byte[] DisplacementToGray(FloatImage image, float limit) =>
        Stretch(image.Pixels, v => v, -MathF.Max(limit, 1e-6f), MathF.Max(limit, 1e-6f));

    /// <summary>2×2 mosaic: PRE | POST (same stretch) over dx | dy (same symmetric stretch, ±max|d|).</summary>
    public static (byte[] Pixels, int Width, int Height) Mosaic(SarPairSample sample)
    {
        var q = Images(sample);
        int n = sample.Size;
        float limit = Math.Max(MaxAbs(q.Dx.Pixels), MaxAbs(q.Dy.Pixels));
        var tiles = new[]
        {
            AmplitudeToGray(q.Pre), AmplitudeToGray(q.Post, q.Pre),
            DisplacementToGray(q.Dx, limit), DisplacementToGray(q.Dy, limit),
        };
        var mosaic = new byte[4 * n * n];
        for (int t = 0; t < 4; t++)
        {
            int ox = (t % 2) * n, oy = (t / 2) * n;
            for (int y = 0; y < n; y++) tiles[t].AsSpan(y * n, n).CopyTo(mosaic.AsSpan((oy + y) * 2 * n + ox, n));
        }
        return (mosaic, 2 * n, 2 * n);
    }

    /// <summary>Binary PGM (P5) bytes of an 8-bit grey image.</summary>
    public static byte[] ToPgm(byte[] pixels, int width, int height)
    {
        if (pixels.Length != width * height) throw new ArgumentException("pixel count does not match the size", nameof(pixels));
        var header = Encoding.ASCII.GetBytes($"P5\n{width} {height}\n255\n");
        var result = new byte[header.Length + pixels.Length];
        header.CopyTo(result, 0);
        pixels.CopyTo(result, header.Length);
        return result;
    }

    private static byte[] Stretch(float[] values, Func<float, float> map, float lo, float hi)
    {
        var result = new byte[values.Length];
        float scale = hi > lo ? 255f / (hi - lo) : 0;
        for (int i = 0; i < values.Length; i++)
            result[i] = (byte)Math.Clamp((int)MathF.Round((map(values[i]) - lo) * scale), 0, 255);
        return result;
    }

    private static float MaxAbs(float[] v)
    {
        float m = 0;
        foreach (float x in v) m = Math.Max(m, Math.Abs(x));
        return m;
    }
}
