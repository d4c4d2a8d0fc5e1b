using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Reflectivity;

namespace GeoFlowNetSar.Synthesis.Speckle;

/// <summary>
/// Makes the two complex acquisitions over the same ground (before any displacement is applied).
/// </summary>
/// <remarks>
/// White complex noise per pixel (from <see cref="PixelHash"/>, so any region is reproducible on its own):
/// n₁, n₂ independent circular Gaussian with E|n|² = 1. With reflectivity σ and temporal coherence γ:
/// <code>
///   w_pre  = √σ · n₁
///   w_post = √σ · (γ·n₁ + √(1−γ²)·n₂)            unchanged ground
///   w_post = √(κσ) · n₂                          changed patch (γ = 0, reflectivity × κ)
/// </code>
/// plus the point targets' deterministic impulses in both; then both go through the same band-limiting FIR h.
/// Filtering is linear and identical, so E[z_pre z_post*] / √(E|z_pre|² E|z_post|²) = γ exactly, and E|z|² = σ.
/// </remarks>
public static class SpecklePairSynthesizer
{
    /// <param name="fieldRegion">Region of the output fields (global pixels); <paramref name="pre"/> and
    /// <paramref name="post"/> must cover exactly this region.</param>
    /// <param name="reflectivity">σ over <paramref name="fieldRegion"/> grown by <see cref="BandLimitFilter.Radius"/> on each side, row-major.</param>
    /// <param name="change">Change factors κ over the same grown region (0 = unchanged), or empty for none.</param>
    public static void Render(PixelRect fieldRegion, ReadOnlySpan<float> reflectivity, ReadOnlySpan<float> change,
        IReadOnlyList<PointScatterer> points, double coherence, ulong noiseKey, BandLimitFilter filter,
        ComplexField pre, ComplexField post)
    {
        if (!(coherence >= 0 && coherence <= 1)) throw new ArgumentOutOfRangeException(nameof(coherence), coherence, "must be in [0, 1]");
        if (pre.Region != fieldRegion || post.Region != fieldRegion) throw new ArgumentException("pre and post must cover fieldRegion exactly");
        int r = filter.Radius;
        var white = new PixelRect(fieldRegion.X - r, fieldRegion.Y - r, fieldRegion.Width + 2 * r, fieldRegion.Height + 2 * r);
        int n = (int)white.Area;
        if (reflectivity.Length != n) throw new ArgumentException($"reflectivity must cover {white} ({n} values)", nameof(reflectivity));
        bool hasChange = !change.IsEmpty;
        if (hasChange && change.Length != n) throw new ArgumentException($"change must cover {white} ({n} values)", nameof(change));

        using var re1 = new PooledBuffer<float>(n);
        using var im1 = new PooledBuffer<float>(n);
        using var re2 = new PooledBuffer<float>(n);
        using var im2 = new PooledBuffer<float>(n);
        Span<float> a = re1.Span, b = im1.Span, c = re2.Span, d = im2.Span;
        float g = (float)coherence, gc = (float)Math.Sqrt(1 - coherence * coherence);

        for (int y = 0; y < white.Height; y++)
        {
            int gy = white.Y + y, row = y * white.Width;
            for (int x = 0; x < white.Width; x++)
            {
                int i = row + x;
                ulong h = PixelHash.At(noiseKey, white.X + x, gy);
                float n1r = GaussianTable.Normal(h, 0), n1i = GaussianTable.Normal(h, 16);
                float n2r = GaussianTable.Normal(h, 32), n2i = GaussianTable.Normal(h, 48);
                // Each quadrature carries half the power: E|w|² = σ.
                float s = MathF.Sqrt(reflectivity[i] * 0.5f);
                a[i] = s * n1r;
                b[i] = s * n1i;
                float k = hasChange ? change[i] : 0f;
                if (k > 0f)
                {
                    float sp = MathF.Sqrt(reflectivity[i] * k * 0.5f);
                    c[i] = sp * n2r;
                    d[i] = sp * n2i;
                }
                else
                {
                    c[i] = s * (g * n1r + gc * n2r);
                    d[i] = s * (g * n1i + gc * n2i);
                }
            }
        }

        double peak = filter.PeakGain;
        foreach (var p in points)
        {
            if (p.X < white.X || p.X >= white.Right || p.Y < white.Y || p.Y >= white.Bottom) continue;
            int i = (p.Y - white.Y) * white.Width + (p.X - white.X);
            double amplitude = Math.Sqrt(p.Intensity) / peak;
            float pr = (float)(amplitude * Math.Cos(p.Phase)), pi = (float)(amplitude * Math.Sin(p.Phase));
            a[i] += pr;
            b[i] += pi;
            if (!hasChange || change[i] <= 0f)
            {
                c[i] += pr;
                d[i] += pi;
            }
        }

        using var scratch = new PooledBuffer<float>(white.Width * fieldRegion.Height);
        int w = fieldRegion.Width, hgt = fieldRegion.Height;
        filter.Apply(a, w, hgt, pre.Re, scratch.Span);
        filter.Apply(b, w, hgt, pre.Im, scratch.Span);
        filter.Apply(c, w, hgt, post.Re, scratch.Span);
        filter.Apply(d, w, hgt, post.Im, scratch.Span);
    }
}
