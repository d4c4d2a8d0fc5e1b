using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Speckle;

namespace GeoFlowNetSar.Synthesis.Reflectivity;

/// <summary>
/// Piecewise-constant log-reflectivity patches (agricultural fields, land-cover parcels): a jittered-grid Voronoi
/// tessellation on the ground. Each square cell of side <see cref="CellSize"/> metres holds one site at a hashed
/// position; a pixel takes the value of its nearest site among the 3×3 surrounding cells (exact for jittered
/// grids with jitter ≤ one cell). Site values are N(0, 1), except a fraction <see cref="DarkFraction"/> of
/// "smooth" parcels (water, bare soil, tarmac) set to −2.5σ.
/// </summary>
public sealed record VoronoiPatches(ulong Key, double CellSize, double DarkFraction)
{
    /// <summary>dest += amplitude · patch value over <paramref name="region"/>.</summary>
    public void Add(PixelRect region, double columnSpacing, double rowSpacing, float amplitude, Span<float> dest)
    {
        // Cells covering the region's ground box, with a one-cell apron.
        int c0 = (int)Math.Floor(region.X * columnSpacing / CellSize) - 1;
        int c1 = (int)Math.Floor(region.Right * columnSpacing / CellSize) + 1;
        int r0 = (int)Math.Floor(region.Y * rowSpacing / CellSize) - 1;
        int r1 = (int)Math.Floor(region.Bottom * rowSpacing / CellSize) + 1;
        int nc = c1 - c0 + 1, nr = r1 - r0 + 1;
        using var sitesBuffer = new PooledBuffer<float>(3 * nc * nr);
        var sites = sitesBuffer.Span; // (x metres, y metres, value) per cell
        for (int r = 0; r < nr; r++)
            for (int c = 0; c < nc; c++)
            {
                ulong h = PixelHash.At(Key, c0 + c, r0 + r);
                int o = 3 * (r * nc + c);
                sites[o] = (float)((c0 + c + ((h & 0xFFFF) + 0.5) / 65536.0) * CellSize);
                sites[o + 1] = (float)((r0 + r + (((h >> 16) & 0xFFFF) + 0.5) / 65536.0) * CellSize);
                bool dark = ((h >> 32) & 0xFFFF) < DarkFraction * 65536;
                sites[o + 2] = amplitude * (dark ? -2.5f : GaussianTable.Normal(h, 48));
            }

        int w = region.Width;
        for (int y = 0; y < region.Height; y++)
        {
            double ym = (region.Y + y) * rowSpacing;
            int cr = (int)Math.Floor(ym / CellSize) - r0;
            var dst = dest.Slice(y * w, w);
            for (int x = 0; x < w; x++)
            {
                double xm = (region.X + x) * columnSpacing;
                int cc = (int)Math.Floor(xm / CellSize) - c0;
                float best = float.MaxValue, value = 0;
                for (int dr = -1; dr <= 1; dr++)
                {
                    int rowBase = (cr + dr) * nc;
                    for (int dc = -1; dc <= 1; dc++)
                    {
                        int o = 3 * (rowBase + cc + dc);
                        float ex = sites[o] - (float)xm, ey = sites[o + 1] - (float)ym;
                        float d2 = ex * ex + ey * ey;
                        if (d2 < best)
                        {
                            best = d2;
                            value = sites[o + 2];
                        }
                    }
                }
                dst[x] += value;
            }
        }
    }
}
