using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Dislocation;
using GeoFlowNetSar.Synthesis.Faults;
using GeoFlowNetSar.Synthesis.Speckle;

namespace GeoFlowNetSar.Synthesis.Geometry;

/// <summary>
/// Evaluates a fault's surface displacement on the pixel grid, projected to (dx, dy) pixels, fast enough for
/// 20+ samples/s, without smearing a surface rupture.
/// </summary>
/// <remarks>
/// One Okada evaluation costs ≈ 0.3 µs, so 65536 pixels × 12 segments per sample is out of budget. Instead:
/// <list type="number">
/// <item>Each segment s is evaluated on a coarse lattice (node spacing ≈ <c>step</c> metres on the ground,
/// aligned to global pixel multiples so row bands of a scene agree): L_s.</item>
/// <item>The total Σ_s L_s is interpolated to every pixel by separable Catmull–Rom (cubic, interpolating, C¹).
/// Away from a rupture the field varies on scales ≥ the top depth or the distance to the trace, and the step
/// is chosen ≤ half the top depth for buried faults, so this is smooth and close to the analytic field.</item>
/// <item>Near the surface trace of a rupturing (or very shallow) segment the field jumps, and an interpolation
/// stencil straddling the trace would smear it. For every lattice cell whose 4×4-node stencil box intersects
/// that segment's trace, each pixel gets the exact value instead:
/// d(p) += exact_s(p) − CatmullRom(L_s)(p). So the discontinuity is exact to the pixel; only ≈ 3 cells
/// around each trace cost per-pixel Okada.</item>
/// </list>
/// Measured against per-pixel Okada on 256² ruptures: mean error ≈ 1e-4–7e-4 of max |d|, worst pixels 1–4 %
/// a few cells from segment junctions (where unequal slip on neighbouring segments leaves log-singular
/// corners that a cubic cannot follow). The label and the warp both use this field, so this never makes image
/// and label disagree; it only bounds how closely the field follows the elastic model. (Carrying the jump with an
/// analytic angle function instead of exact pixels was tried: 40 % faster, but up to 40 % errors near junctions.)
/// </remarks>
public static class FaultDisplacementRenderer
{
    /// <summary>Lattice step (m): extent/40, and at most half the top depth of a buried fault.</summary>
    public static double DefaultStep(SceneFrame frame, RoughFault fault) =>
        fault.SurfaceRupture ? frame.Extent / 40 : Math.Min(frame.Extent / 40, fault.TopDepth / 2);

    /// <summary>Adds the fault's displacement (pixels) to <paramref name="field"/> over its region.</summary>
    /// <remarks>Uses the fault's triangle mesh when it has one, else its rectangles.</remarks>
    public static void Render(RoughFault fault, SceneFrame frame, DisplacementField field) =>
        Render(fault.Mesh ?? (IReadOnlyList<ISurfaceDislocation>)fault.Segments, frame, field, DefaultStep(frame, fault));

    /// <summary>Adds the displacement of <paramref name="segments"/> (pixels) to <paramref name="field"/> over its region.</summary>
    /// <param name="segments">Rectangles or triangles.</param>
    /// <param name="frame">Scene geometry.</param>
    /// <param name="field">Accumulates the displacement over its region.</param>
    /// <param name="step">Ground lattice spacing, metres. Segments with top depth &lt; 2·step get exact pixels near their top edge.</param>
    public static void Render(IReadOnlyList<ISurfaceDislocation> segments, SceneFrame frame, DisplacementField field, double step)
    {
        if (segments.Count == 0) return;
        if (!(step > 0)) throw new ArgumentOutOfRangeException(nameof(step), step, "must be > 0");
        var geometry = frame.Geometry;
        var projection = geometry.Projection;
        var region = field.Region;
        int sx = Math.Max(1, (int)Math.Round(step / geometry.GroundRangeSpacing));
        int sy = Math.Max(1, (int)Math.Round(step / geometry.AzimuthSpacing));
        var lattice = new Lattice(region, sx, sy);

        // 1. Per-segment lattices (dx, dy interleaved) and their sum.
        int nodes = lattice.Nx * lattice.Ny, nSeg = segments.Count;
        using var perSegmentBuffer = new PooledBuffer<double>(nSeg * nodes * 2);
        using var totalBuffer = new PooledBuffer<double>(nodes * 2, clear: true);
        var perSegment = perSegmentBuffer.Span;
        var total = totalBuffer.Span;
        for (int j = 0; j < lattice.Ny; j++)
            for (int i = 0; i < lattice.Nx; i++)
            {
                var (east, north) = frame.ToGround((lattice.Kx0 + i) * (double)sx, (lattice.Ky0 + j) * (double)sy);
                int node = j * lattice.Nx + i;
                for (int s = 0; s < nSeg; s++)
                {
                    var (dx, dy) = projection.Apply(segments[s].DisplacementAt(east, north));
                    int o = (s * nodes + node) * 2;
                    perSegment[o] = dx;
                    perSegment[o + 1] = dy;
                    total[node * 2] += dx;
                    total[node * 2 + 1] += dy;
                }
            }

        // 2. Separable Catmull–Rom of the total onto the pixels.
        int w = region.Width, h = region.Height;
        // Pooled scratch: these are ≥ 85 kB and would otherwise land on the large-object heap every sample.
        using var accDxBuffer = new PooledBuffer<double>(w * h);
        using var accDyBuffer = new PooledBuffer<double>(w * h);
        using var rowDxBuffer = new PooledBuffer<double>(lattice.Ny * w);
        using var rowDyBuffer = new PooledBuffer<double>(lattice.Ny * w);
        Span<double> accDx = accDxBuffer.Span, accDy = accDyBuffer.Span, rowDx = rowDxBuffer.Span, rowDy = rowDyBuffer.Span;
        for (int j = 0; j < lattice.Ny; j++)
            for (int x = 0; x < w; x++)
            {
                int i = lattice.ColumnNode[x];
                double sdx = 0, sdy = 0;
                for (int m = 0; m < 4; m++)
                {
                    double wm = lattice.ColumnWeights[x * 4 + m];
                    int o = (j * lattice.Nx + i + m) * 2;
                    sdx += wm * total[o];
                    sdy += wm * total[o + 1];
                }
                rowDx[j * w + x] = sdx;
                rowDy[j * w + x] = sdy;
            }
        for (int y = 0; y < h; y++)
        {
            int j = lattice.RowNode[y];
            for (int x = 0; x < w; x++)
            {
                double sdx = 0, sdy = 0;
                for (int n = 0; n < 4; n++)
                {
                    double wn = lattice.RowWeights[y * 4 + n];
                    sdx += wn * rowDx[(j + n) * w + x];
                    sdy += wn * rowDy[(j + n) * w + x];
                }
                accDx[y * w + x] = sdx;
                accDy[y * w + x] = sdy;
            }
        }

        // 3. Exact values where a stencil straddles a rupturing (or very shallow) segment's trace.
        for (int s = 0; s < nSeg; s++)
        {
            var seg = segments[s];
            if (seg.TopDepth >= 2 * step) continue;
            var (ax, ay) = frame.ToPixel(seg.TopEdgeStart.East, seg.TopEdgeStart.North);
            var (bx, by) = frame.ToPixel(seg.TopEdgeEnd.East, seg.TopEdgeEnd.North);
            for (int cy = lattice.FirstCellY; cy <= lattice.LastCellY; cy++)
                for (int cx = lattice.FirstCellX; cx <= lattice.LastCellX; cx++)
                {
                    if (!SegmentIntersectsBox(ax, ay, bx, by, (cx - 1) * (double)sx, (cx + 2) * (double)sx,
                            (cy - 1) * (double)sy, (cy + 2) * (double)sy)) continue;
                    var cell = PixelRect.FromBounds(cx * sx, cy * sy, (cx + 1) * sx, (cy + 1) * sy).Intersect(region);
                    for (int gy = cell.Y; gy < cell.Bottom; gy++)
                    {
                        int y = gy - region.Y, jr = lattice.RowNode[y];
                        for (int gx = cell.X; gx < cell.Right; gx++)
                        {
                            int x = gx - region.X, ic = lattice.ColumnNode[x];
                            double idx = 0, idy = 0;
                            for (int n = 0; n < 4; n++)
                            {
                                double wn = lattice.RowWeights[y * 4 + n];
                                for (int m = 0; m < 4; m++)
                                {
                                    double wnm = wn * lattice.ColumnWeights[x * 4 + m];
                                    int o = (s * nodes + (jr + n) * lattice.Nx + ic + m) * 2;
                                    idx += wnm * perSegment[o];
                                    idy += wnm * perSegment[o + 1];
                                }
                            }
                            var (east, north) = frame.ToGround(gx, gy);
                            var (ex, ey) = projection.Apply(seg.DisplacementAt(east, north));
                            accDx[y * w + x] += ex - idx;
                            accDy[y * w + x] += ey - idy;
                        }
                    }
                }
        }

        for (int i = 0; i < accDx.Length; i++)
        {
            field.Dx[i] += (float)accDx[i];
            field.Dy[i] += (float)accDy[i];
        }
    }

    /// <summary>Liang–Barsky: does segment A→B touch the closed box?</summary>
    public static bool SegmentIntersectsBox(double ax, double ay, double bx, double by,
        double xMin, double xMax, double yMin, double yMax)
    {
        double t0 = 0, t1 = 1, dx = bx - ax, dy = by - ay;
        return Clip(-dx, ax - xMin, ref t0, ref t1) && Clip(dx, xMax - ax, ref t0, ref t1)
            && Clip(-dy, ay - yMin, ref t0, ref t1) && Clip(dy, yMax - ay, ref t0, ref t1);

        static bool Clip(double p, double q, ref double t0, ref double t1)
        {
            if (p == 0) return q >= 0;
            double r = q / p;
            if (p < 0)
            {
                if (r > t1) return false;
                if (r > t0) t0 = r;
            }
            else
            {
                if (r < t0) return false;
                if (r < t1) t1 = r;
            }
            return true;
        }
    }

    /// <summary>
    /// Lattice nodes at global pixels (k·sx, l·sy) covering a region with a one-node apron before and two after,
    /// and per column / row the first stencil node and the four Catmull–Rom weights.
    /// </summary>
    private sealed class Lattice
    {
        public Lattice(PixelRect region, int sx, int sy)
        {
            FirstCellX = FloorDiv(region.X, sx);
            LastCellX = FloorDiv(region.Right - 1, sx);
            FirstCellY = FloorDiv(region.Y, sy);
            LastCellY = FloorDiv(region.Bottom - 1, sy);
            Kx0 = FirstCellX - 1;
            Ky0 = FirstCellY - 1;
            Nx = LastCellX + 2 - Kx0 + 1;
            Ny = LastCellY + 2 - Ky0 + 1;
            (ColumnNode, ColumnWeights) = Axis(region.X, region.Width, sx, Kx0);
            (RowNode, RowWeights) = Axis(region.Y, region.Height, sy, Ky0);
        }

        public int Kx0 { get; }
        public int Ky0 { get; }
        public int Nx { get; }
        public int Ny { get; }
        public int FirstCellX { get; }
        public int LastCellX { get; }
        public int FirstCellY { get; }
        public int LastCellY { get; }
        public int[] ColumnNode { get; }
        public double[] ColumnWeights { get; }
        public int[] RowNode { get; }
        public double[] RowWeights { get; }

        private static (int[] Node, double[] Weights) Axis(int start, int count, int step, int k0)
        {
            var node = new int[count];
            var weights = new double[count * 4];
            for (int p = 0; p < count; p++)
            {
                int g = start + p, k = FloorDiv(g, step);
                double t = (g - k * (double)step) / step;
                node[p] = k - 1 - k0;
                // Catmull–Rom: interpolating cubic through nodes k−1 … k+2.
                double t2 = t * t, t3 = t2 * t;
                weights[p * 4] = 0.5 * (-t3 + 2 * t2 - t);
                weights[p * 4 + 1] = 0.5 * (3 * t3 - 5 * t2 + 2);
                weights[p * 4 + 2] = 0.5 * (-3 * t3 + 4 * t2 + t);
                weights[p * 4 + 3] = 0.5 * (t3 - t2);
            }
            return (node, weights);
        }

        private static int FloorDiv(int a, int b) => (int)Math.Floor((double)a / b);
    }
}
