using System.Numerics;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Speckle;

namespace GeoFlowNetSar.Synthesis.Reflectivity;

/// <summary>
/// Smooth random fields without an FFT: value noise. Lattice nodes at global pixel (i·cellX, j·cellY) carry
/// N(0, 1) values hashed from (key, i, j); pixels blend the 4×4 nearest nodes with cubic B-spline weights (C²,
/// no overshoot, spectrum concentrated below 1/cell). Rendering is separable — every lattice row is first
/// interpolated along x for all columns, then each pixel blends four such rows — about 8 multiply-adds per pixel
/// and octave. Summing octaves with halving cells and amplitudes 2^(−kH) gives 1/f^β (fractal) fields.
/// </summary>
public static class ValueNoise
{
    /// <summary>Std of one octave with N(0, 1) nodes (average over the cell of √(Σ wᵢ² Σ wⱼ²)); divide by it to normalise.</summary>
    public const float OctaveStd = 0.48f;

    /// <summary>dest[p] += amplitude · noise(p) over <paramref name="region"/> (dest row-major, region.Width wide).</summary>
    public static void AddOctave(ulong key, double cellX, double cellY, float amplitude, PixelRect region, Span<float> dest)
    {
        if (!(cellX >= 1) || !(cellY >= 1)) throw new ArgumentOutOfRangeException(nameof(cellX), "cells must be at least one pixel");
        int w = region.Width, h = region.Height;
        int i0 = (int)Math.Floor(region.X / cellX) - 1, i1 = (int)Math.Floor((region.Right - 1) / cellX) + 2;
        int j0 = (int)Math.Floor(region.Y / cellY) - 1, j1 = (int)Math.Floor((region.Bottom - 1) / cellY) + 2;
        int nx = i1 - i0 + 1, ny = j1 - j0 + 1;

        using var nodeBuffer = new PooledBuffer<float>(nx * ny);
        var nodes = nodeBuffer.Span;
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
                nodes[j * nx + i] = GaussianTable.Normal(PixelHash.At(key, i0 + i, j0 + j), 0);

        using var colNode = new PooledBuffer<int>(w);
        using var colWeights = new PooledBuffer<float>(4 * w);
        for (int x = 0; x < w; x++)
        {
            double u = (region.X + x) / cellX;
            int i = (int)Math.Floor(u);
            colNode.Span[x] = i - 1 - i0;
            BSpline((float)(u - i), colWeights.Span.Slice(4 * x, 4));
        }

        using var rows = new PooledBuffer<float>(ny * w);
        var rowSpan = rows.Span;
        for (int j = 0; j < ny; j++)
        {
            var nodeRow = nodes.Slice(j * nx, nx);
            var dst = rowSpan.Slice(j * w, w);
            for (int x = 0; x < w; x++)
            {
                int i = colNode.Span[x];
                var cw = colWeights.Span.Slice(4 * x, 4);
                dst[x] = cw[0] * nodeRow[i] + cw[1] * nodeRow[i + 1] + cw[2] * nodeRow[i + 2] + cw[3] * nodeRow[i + 3];
            }
        }

        Span<float> wy = stackalloc float[4];
        int vw = Vector<float>.Count;
        for (int y = 0; y < h; y++)
        {
            double v = (region.Y + y) / cellY;
            int j = (int)Math.Floor(v);
            BSpline((float)(v - j), wy);
            int jr = j - 1 - j0;
            var r0 = rowSpan.Slice(jr * w, w);
            var r1 = rowSpan.Slice((jr + 1) * w, w);
            var r2 = rowSpan.Slice((jr + 2) * w, w);
            var r3 = rowSpan.Slice((jr + 3) * w, w);
            var dst = dest.Slice(y * w, w);
            float a0 = wy[0] * amplitude, a1 = wy[1] * amplitude, a2 = wy[2] * amplitude, a3 = wy[3] * amplitude;
            int x = 0;
            for (; x <= w - vw; x += vw)
            {
                var acc = new Vector<float>(dst.Slice(x)) + (new Vector<float>(r0.Slice(x)) * a0 + new Vector<float>(r1.Slice(x)) * a1
                    + new Vector<float>(r2.Slice(x)) * a2 + new Vector<float>(r3.Slice(x)) * a3);
                acc.CopyTo(dst.Slice(x));
            }
            for (; x < w; x++) dst[x] = dst[x] + (r0[x] * a0 + r1[x] * a1 + r2[x] * a2 + r3[x] * a3);
        }
    }

    /// <summary>Uniform cubic B-spline weights for the nodes k−1, k, k+1, k+2 at fraction t.</summary>
    private static void BSpline(float t, Span<float> w)
    {
        float t2 = t * t, t3 = t2 * t, s = 1 - t;
        w[0] = s * s * s / 6;
        w[1] = (3 * t3 - 6 * t2 + 4) / 6;
        w[2] = (-3 * t3 + 3 * t2 + 3 * t + 1) / 6;
        w[3] = t3 / 6;
    }
}
