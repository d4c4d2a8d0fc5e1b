using GeoFlowNetSar.Core.Rasters;

namespace GeoFlowNetSar.Synthesis.Reflectivity;

/// <summary>
/// A road, river, canal or hedge: a polyline on the ground (metres along image columns and rows, x = col·g,
/// y = row·a) of the given width, adding <see cref="LogContrast"/> to the log-reflectivity (negative: dark
/// smooth water/tarmac; positive: bright embankments, fences, double bounce). Edges are anti-aliased over
/// about half a pixel so the line does not alias on the pixel grid.
/// </summary>
public sealed record LineFeature(IReadOnlyList<(double X, double Y)> Vertices, double Width, float LogContrast)
{
    public void Add(PixelRect region, double columnSpacing, double rowSpacing, Span<float> dest)
    {
        double half = Width / 2, soft = 0.5 * Math.Min(columnSpacing, rowSpacing), reach = half + soft;
        int w = region.Width;
        // Coverage is the max over segments (the distance to the polyline), so joints are not counted twice.
        using var coverageBuffer = new Speckle.PooledBuffer<float>((int)region.Area, clear: true);
        var cover = coverageBuffer.Span;
        int touchedLo = int.MaxValue, touchedHi = -1;
        for (int s = 1; s < Vertices.Count; s++)
        {
            var (ax, ay) = Vertices[s - 1];
            var (bx, by) = Vertices[s];
            double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
            // Rows the capsule can touch.
            int yStart = Math.Max(region.Y, (int)Math.Floor((Math.Min(ay, by) - reach) / rowSpacing));
            int yEnd = Math.Min(region.Bottom - 1, (int)Math.Ceiling((Math.Max(ay, by) + reach) / rowSpacing));
            for (int gy = yStart; gy <= yEnd; gy++)
            {
                double ym = gy * rowSpacing;
                // Range of the segment parameter whose points are within reach of this row, hence the x span.
                double tLo = 0, tHi = 1;
                if (dy != 0)
                {
                    double t1 = (ym - reach - ay) / dy, t2 = (ym + reach - ay) / dy;
                    tLo = Math.Max(0, Math.Min(t1, t2));
                    tHi = Math.Min(1, Math.Max(t1, t2));
                    if (tLo > tHi) continue;
                }
                double xa = ax + tLo * dx, xb = ax + tHi * dx;
                int xStart = Math.Max(region.X, (int)Math.Floor((Math.Min(xa, xb) - reach) / columnSpacing));
                int xEnd = Math.Min(region.Right - 1, (int)Math.Ceiling((Math.Max(xa, xb) + reach) / columnSpacing));
                var row = cover.Slice((gy - region.Y) * w, w);
                touchedLo = Math.Min(touchedLo, gy - region.Y);
                touchedHi = Math.Max(touchedHi, gy - region.Y);
                for (int gx = xStart; gx <= xEnd; gx++)
                {
                    double xm = gx * columnSpacing;
                    double t = len2 > 0 ? Math.Clamp(((xm - ax) * dx + (ym - ay) * dy) / len2, 0, 1) : 0;
                    double ex = xm - (ax + t * dx), ey = ym - (ay + t * dy);
                    double dist = Math.Sqrt(ex * ex + ey * ey);
                    if (dist >= reach) continue;
                    // Coverage 1 inside, a linear ramp one soft width across the edge.
                    float coverage = (float)Math.Clamp((half - dist) / soft + 0.5, 0, 1);
                    ref float c = ref row[gx - region.X];
                    if (coverage > c) c = coverage;
                }
            }
        }
        for (int y = touchedLo; y <= touchedHi; y++)
        {
            var src = cover.Slice(y * w, w);
            var dst = dest.Slice(y * w, w);
            for (int x = 0; x < w; x++) dst[x] += src[x] * LogContrast;
        }
    }
}
