using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GeoFlowNetSar.Core.Rasters;

namespace GeoFlowNetSar.Synthesis.Geometry;

/// <summary>
/// A displacement field d = (dx, dy) in pixels over <see cref="Region"/> (global pixel coordinates), row-major,
/// defined on the PRE grid: the feature at p in PRE is at p + d(p) in POST (DESIGN.md).
/// dx is along range (columns), dy along azimuth (rows).
/// </summary>
public sealed class DisplacementField
{
    public DisplacementField(PixelRect region) : this(region, new float[region.Area], new float[region.Area])
    {
    }

    public DisplacementField(PixelRect region, float[] dx, float[] dy)
    {
        if (region.IsEmpty) throw new ArgumentException("The region must not be empty.", nameof(region));
        if (dx.Length != region.Area || dy.Length != region.Area) throw new ArgumentException($"dx and dy must hold {region.Area} values.");
        Region = region;
        Dx = dx;
        Dy = dy;
    }

    public PixelRect Region { get; }
    public int Width => Region.Width;
    public int Height => Region.Height;
    public float[] Dx { get; }
    public float[] Dy { get; }

    /// <summary>Bilinear interpolation at global position (x, y), clamped to the region's pixel centres.</summary>
    public (float Dx, float Dy) At(double x, double y)
    {
        double fx = x - Region.X, fy = y - Region.Y;
        int w = Width, h = Height;
        if (fx <= 0) fx = 0;
        else if (fx >= w - 1) fx = w - 1;
        if (fy <= 0) fy = 0;
        else if (fy >= h - 1) fy = h - 1;
        int x0 = (int)fx, y0 = (int)fy;
        float tx = (float)(fx - x0), ty = (float)(fy - y0);
        int sx = x0 + 1 < w ? 1 : 0, sy = y0 + 1 < h ? w : 0; // steps to the next column / row (0 on the last one)
        int i = y0 * w + x0;
        // Indices are clamped inside the arrays above, so skip the bounds checks in this hot path.
        ref float dx = ref MemoryMarshal.GetArrayDataReference(Dx);
        ref float dy = ref MemoryMarshal.GetArrayDataReference(Dy);
        float a = Unsafe.Add(ref dx, i), b = Unsafe.Add(ref dx, i + sx), c = Unsafe.Add(ref dx, i + sy), d = Unsafe.Add(ref dx, i + sy + sx);
        float top = a + (b - a) * tx, bottom = c + (d - c) * tx;
        float rx = top + (bottom - top) * ty;
        a = Unsafe.Add(ref dy, i);
        b = Unsafe.Add(ref dy, i + sx);
        c = Unsafe.Add(ref dy, i + sy);
        d = Unsafe.Add(ref dy, i + sy + sx);
        top = a + (b - a) * tx;
        bottom = c + (d - c) * tx;
        return (rx, top + (bottom - top) * ty);
    }

    /// <summary>max over pixels of max(|dx|, |dy|): the size the simulator normalises.</summary>
    public float MaxAbs()
    {
        float m = 0;
        for (int i = 0; i < Dx.Length; i++) m = Math.Max(m, Math.Max(Math.Abs(Dx[i]), Math.Abs(Dy[i])));
        return m;
    }

    public bool IsZero() => MaxAbs() == 0;

    public void Scale(double factor)
    {
        for (int i = 0; i < Dx.Length; i++)
        {
            Dx[i] = (float)(Dx[i] * factor);
            Dy[i] = (float)(Dy[i] * factor);
        }
    }

    /// <summary>Largest jump of dx or dy between 4-neighbours (pixels): large only across a surface rupture.</summary>
    public float MaxNeighbourJump()
    {
        float m = 0;
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
            {
                int i = y * Width + x;
                if (x + 1 < Width) m = Math.Max(m, Math.Max(Math.Abs(Dx[i + 1] - Dx[i]), Math.Abs(Dy[i + 1] - Dy[i])));
                if (y + 1 < Height) m = Math.Max(m, Math.Max(Math.Abs(Dx[i + Width] - Dx[i]), Math.Abs(Dy[i + Width] - Dy[i])));
            }
        return m;
    }
}
