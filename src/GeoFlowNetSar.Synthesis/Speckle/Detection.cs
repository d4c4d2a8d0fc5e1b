using System.Numerics;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Warping;

namespace GeoFlowNetSar.Synthesis.Speckle;

/// <summary>How the complex field becomes the amplitude image.</summary>
public enum DetectionMode
{
    /// <summary>|z| at the native samples: single-look amplitude, aliased like a real SLC's amplitude.</summary>
    Native,

    /// <summary>
    /// |z| on a 2× oversampled grid, 2×2-averaged back to native pixels: the field is interpolated (band-limited
    /// 12-tap kernel) at (x ± ¼, y ± ¼), detected there, and the four amplitudes averaged. Detection doubles the
    /// bandwidth, so native |z| aliases; this averaging low-passes the detected image instead (slightly lower
    /// speckle contrast than 0.523), centred on the native pixel so nothing is shifted.
    /// </summary>
    Oversampled2x,
}

/// <summary>Amplitude detection of a complex field.</summary>
public static class Detection
{
    /// <summary>Pixels of complex field needed around the output region.</summary>
    public static int Margin(DetectionMode mode) => mode == DetectionMode.Native ? 0 : InterpolationKernel.HalfWidth;

    /// <summary>Writes the amplitude over <paramref name="region"/>; the field must cover it grown by <see cref="Margin"/>.</summary>
    public static void Detect(ComplexField field, PixelRect region, DetectionMode mode, Span<float> amplitude)
    {
        int m = Margin(mode);
        var need = new PixelRect(region.X - m, region.Y - m, region.Width + 2 * m, region.Height + 2 * m);
        if (!field.Region.Contains(need)) throw new ArgumentException($"The field {field.Region} must cover {need}.", nameof(field));
        if (amplitude.Length < region.Area) throw new ArgumentException("amplitude too small", nameof(amplitude));
        if (mode == DetectionMode.Native) Native(field, region, amplitude);
        else Oversampled(field, region, amplitude);
    }

    private static void Native(ComplexField field, PixelRect region, Span<float> amplitude)
    {
        ReadOnlySpan<float> re = field.Re, im = field.Im;
        int w = region.Width, vw = Vector<float>.Count;
        for (int y = 0; y < region.Height; y++)
        {
            int s = field.IndexOf(region.X, region.Y + y);
            var r = re.Slice(s, w);
            var i = im.Slice(s, w);
            var dst = amplitude.Slice(y * w, w);
            int x = 0;
            for (; x <= w - vw; x += vw)
            {
                var vr = new Vector<float>(r.Slice(x));
                var vi = new Vector<float>(i.Slice(x));
                Vector.SquareRoot(vr * vr + vi * vi).CopyTo(dst.Slice(x));
            }
            for (; x < w; x++) dst[x] = MathF.Sqrt(r[x] * r[x] + i[x] * i[x]);
        }
    }

    private static void Oversampled(ComplexField field, PixelRect region, Span<float> amplitude)
    {
        const int half = InterpolationKernel.HalfWidth, taps = InterpolationKernel.Taps, before = InterpolationKernel.Before;
        var wm = InterpolationKernel.Weights(3 * InterpolationKernel.Phases / 4); // x − ¼ = (x − 1) + ¾: taps from x − 1 − before
        var wp = InterpolationKernel.Weights(InterpolationKernel.Phases / 4);     // x + ¼ = x + ¼:       taps from x − before
        int w = region.Width, rows = region.Height + 2 * half, n = w * rows;
        using var buffer = new PooledBuffer<float>(4 * n);
        var aRe = buffer.Span.Slice(0, n);      // along range at x − ¼
        var aIm = buffer.Span.Slice(n, n);
        var bRe = buffer.Span.Slice(2 * n, n);  // along range at x + ¼
        var bIm = buffer.Span.Slice(3 * n, n);

        ReadOnlySpan<float> re = field.Re, im = field.Im;
        for (int r = 0; r < rows; r++)
        {
            int s = field.IndexOf(region.X, region.Y - half + r);
            for (int x = 0; x < w; x++)
            {
                float ar = 0, ai = 0, br = 0, bi = 0;
                for (int k = 0; k < taps; k++)
                {
                    ar += re[s + x - 1 - before + k] * wm[k];
                    ai += im[s + x - 1 - before + k] * wm[k];
                    br += re[s + x - before + k] * wp[k];
                    bi += im[s + x - before + k] * wp[k];
                }
                aRe[r * w + x] = ar;
                aIm[r * w + x] = ai;
                bRe[r * w + x] = br;
                bIm[r * w + x] = bi;
            }
        }

        using var column = new PooledBuffer<float>(2 * w);
        for (int y = 0; y < region.Height; y++)
        {
            var dst = amplitude.Slice(y * w, w);
            dst.Clear();
            // Output row y sits at buffer row y + half; y − ¼ starts at buffer row y − 1 − before + half = y (weights wm),
            // y + ¼ at row y + 1 (wp).
            AddMagnitude(aRe, aIm, w, y, wm, dst, column.Span);
            AddMagnitude(aRe, aIm, w, y + 1, wp, dst, column.Span);
            AddMagnitude(bRe, bIm, w, y, wm, dst, column.Span);
            AddMagnitude(bRe, bIm, w, y + 1, wp, dst, column.Span);
            foreach (ref float v in dst) v *= 0.25f;
        }
    }

    // dst[x] += |Σ_k wk·z[firstRow + k][x]|, k over the kernel's taps
    private static void AddMagnitude(ReadOnlySpan<float> re, ReadOnlySpan<float> im, int w, int firstRow,
        ReadOnlySpan<float> weights, Span<float> dst, Span<float> scratch)
    {
        var sr = scratch.Slice(0, w);
        var si = scratch.Slice(w, w);
        sr.Clear();
        si.Clear();
        for (int k = 0; k < InterpolationKernel.Taps; k++)
        {
            var rr = re.Slice((firstRow + k) * w, w);
            var ri = im.Slice((firstRow + k) * w, w);
            float wk = weights[k];
            for (int x = 0; x < w; x++)
            {
                sr[x] += rr[x] * wk;
                si[x] += ri[x] * wk;
            }
        }
        for (int x = 0; x < w; x++) dst[x] += MathF.Sqrt(sr[x] * sr[x] + si[x] * si[x]);
    }
}
