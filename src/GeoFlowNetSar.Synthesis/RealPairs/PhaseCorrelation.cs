using GeoFlowNetSar.Core.Rasters;

namespace GeoFlowNetSar.Synthesis.RealPairs;

/// <summary>
/// A global shift between two images: a feature at p in the reference is at p + (Dx, Dy) in the moving image
/// (DESIGN.md sign). <see cref="Peak"/> is the height of the phase-correlation peak (1 = identical up to the shift,
/// ≈ 0 = unrelated images); <see cref="Significance"/> is that height over the largest peak unrelated images give by
/// chance (≈ √(2 ln n / n) for n frequencies): ≈ 1 or less means no real match, ≥ 1.5 a trustworthy one.
/// </summary>
public sealed record AlignmentResult(double Dx, double Dy, double Peak, int BlockWidth, int BlockHeight, int Upsample, double Significance);

/// <summary>
/// Sub-pixel global alignment by phase correlation with matrix-multiply DFT upsampling
/// (Guizar-Sicairos, Thurman &amp; Fienup, "Efficient subpixel image registration algorithms", Opt. Lett. 33, 2008).
/// </summary>
/// <remarks>
/// On the central block (at most <c>maxBlock</c> per axis) of both images: subtract the mean, apply a Hann window,
/// forward DFT as two matrix products F = E_y·A·E_x (plain C#, no FFT), cross-power spectrum
/// C = F_mov·conj(F_ref), whose inverse transform peaks at the shift.
/// Coarse step: phase correlation — the inverse of C/|C| at every integer shift (two matrix products); whitening
/// makes this peak sharp and unambiguous, and its height at the final shift is <see cref="AlignmentResult.Peak"/>.
/// Refined step: the inverse of C itself (Guizar-Sicairos' upsampled cross-correlation) evaluated only on a
/// 3×3-pixel neighbourhood of the coarse peak at 1/U pixel spacing, G_y·C·G_x^T with G[m, k] = exp(i2π k′ p_m / N) —
/// the matrix-multiply DFT, O(N²·U) instead of a U-times larger FFT — then a parabola through the best upsampled
/// sample and its neighbours. The refinement is not whitened on purpose: whitening gives empty or aliased parts of
/// the spectrum (band-limited texture, detected speckle) the same weight as the signal, and measured sub-pixel errors
/// were 3–40× larger (0.027 px mean on speckle amplitude vs 0.009 unwhitened; 0.55 px vs 0.0013 on band-limited
/// texture, 200×160 blocks). Cost for a 256² block: ≈ 4·256³ complex multiply-adds, well under a second.
/// </remarks>
public static class PhaseCorrelation
{
    public const int DefaultUpsample = 50;
    public const int DefaultBlock = 256;

    /// <param name="reference">PRE (NaN pixels are replaced by the mean).</param>
    /// <param name="moving">POST; may differ in size from the reference (e.g. a larger crop of the same area).</param>
    /// <param name="upsample">U: the refined step's grid is 1/U pixel (≥ 20 for 0.05 px).</param>
    /// <returns>The shift in the two images' own pixel coordinates: reference pixel p is at p + (Dx, Dy) in the moving one.</returns>
    /// <remarks>
    /// Each image contributes its central block (at most <paramref name="maxBlock"/> per axis, windowed on its own);
    /// both are centred in a common zero-padded canvas of the larger block size, so shifts up to half the canvas are
    /// measurable (a 200-wide crop inside a 400-wide one included).
    /// </remarks>
    public static AlignmentResult Estimate(FloatImage reference, FloatImage moving, int upsample = DefaultUpsample, int maxBlock = DefaultBlock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(upsample, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlock, 16);
        var a = Block(reference, maxBlock);
        var b = Block(moving, maxBlock);
        int nx = (Math.Max(a.Width, b.Width) + 1) & ~1, ny = (Math.Max(a.Height, b.Height) + 1) & ~1;
        // Placement of each block in the canvas (centred).
        int cax = (nx - a.Width) / 2, cay = (ny - a.Height) / 2, cbx = (nx - b.Width) / 2, cby = (ny - b.Height) / 2;

        var ex = DftMatrix.Forward(nx);
        var ey = DftMatrix.Forward(ny);
        var fa = Transform(Prepare(reference, a, nx, ny, cax, cay), ex, ey);
        var fb = Transform(Prepare(moving, b, nx, ny, cbx, cby), ex, ey);

        // Cross-power spectrum C = Fb·conj(Fa); its phase-normalised form P = C / |C| for the coarse step, and
        // C / Σ|C| for the refined one.
        var cross = new ComplexMatrix(ny, nx);
        var phase = new ComplexMatrix(ny, nx);
        double largest = 0, total = 0;
        var magnitude = new double[ny * nx];
        for (int i = 0; i < magnitude.Length; i++)
        {
            double re = fb.Re[i] * fa.Re[i] + fb.Im[i] * fa.Im[i];
            double im = fb.Im[i] * fa.Re[i] - fb.Re[i] * fa.Im[i];
            cross.Re[i] = re;
            cross.Im[i] = im;
            magnitude[i] = Math.Sqrt(re * re + im * im);
            largest = Math.Max(largest, magnitude[i]);
            total += magnitude[i];
        }
        int used = 0;
        for (int i = 0; i < magnitude.Length; i++)
        {
            if (magnitude[i] > largest * 1e-12)
            {
                phase.Re[i] = cross.Re[i] / magnitude[i];
                phase.Im[i] = cross.Im[i] / magnitude[i];
                used++;
            }
            cross.Re[i] /= total;
            cross.Im[i] /= total;
        }
        if (used == 0) throw new ArgumentException("The images have no texture to align (constant blocks).");

        // Coarse: every integer shift in [−N/2, N/2).
        var (cx, cy, _) = Peak(phase, Integers(nx), Integers(ny));

        // Refined: ±1.5 px around it at 1/U px.
        int m = 3 * upsample + 1;
        var px = new double[m];
        var py = new double[m];
        for (int j = 0; j < m; j++)
        {
            px[j] = cx + (j - 1.5 * upsample) / upsample;
            py[j] = cy + (j - 1.5 * upsample) / upsample;
        }
        var (fx, fy, _) = Peak(cross, px, py, parabolic: true);
        // Confidence: the phase-correlation surface at the refined shift.
        var (_, _, peak) = Peak(phase, [fx], [fy]);
        // Canvas shift → image coordinates: d = s + (b − a) + (ca − cb).
        double dx = fx + (b.X - a.X) + (cax - cbx), dy = fy + (b.Y - a.Y) + (cay - cby);
        double normalised = peak / used;
        // Unrelated images: the surface is ≈ N(0, 1/used) per sample, its maximum ≈ √(2 ln used / used).
        double significance = normalised / Math.Sqrt(2 * Math.Log(used) / used);
        return new AlignmentResult(dx, dy, normalised, nx, ny, upsample, significance);
    }

    private static double[] Integers(int n)
    {
        var p = new double[n];
        for (int i = 0; i < n; i++) p[i] = i - n / 2;
        return p;
    }

    private static PixelRect Block(FloatImage image, int maxBlock)
    {
        int w = Math.Min(maxBlock, image.Width), h = Math.Min(maxBlock, image.Height);
        if (w < 16 || h < 16) throw new ArgumentException($"An image of {image.Width}x{image.Height} is too small to align (at least 16x16).");
        return new PixelRect((image.Width - w) / 2, (image.Height - h) / 2, w, h);
    }

    /// <summary>The mean-removed, Hann-windowed block placed at (cx, cy) in a zero nx × ny canvas.</summary>
    private static ComplexMatrix Prepare(FloatImage image, PixelRect block, int nx, int ny, int cx, int cy)
    {
        double sum = 0;
        long count = 0;
        for (int y = 0; y < block.Height; y++)
            for (int x = 0; x < block.Width; x++)
            {
                float v = image[block.X + x, block.Y + y];
                if (float.IsFinite(v))
                {
                    sum += v;
                    count++;
                }
            }
        double mean = count > 0 ? sum / count : 0;
        var m = new ComplexMatrix(ny, nx);
        for (int y = 0; y < block.Height; y++)
        {
            double wy = Hann(y, block.Height);
            for (int x = 0; x < block.Width; x++)
            {
                float v = image[block.X + x, block.Y + y];
                m.Re[(cy + y) * nx + cx + x] = float.IsFinite(v) ? (v - mean) * wy * Hann(x, block.Width) : 0;
            }
        }
        return m;
    }

    private static double Hann(int i, int n) => 0.5 - 0.5 * Math.Cos(2 * Math.PI * (i + 0.5) / n);

    // F = E_y · A · E_x (E_x is symmetric, so A·E_xᵀ = A·E_x).
    private static ComplexMatrix Transform(ComplexMatrix a, ComplexMatrix ex, ComplexMatrix ey) =>
        ComplexMatrix.Multiply(ey, ComplexMatrix.Multiply(a, ex));

    /// <summary>Real part of the inverse DFT of R on the grid positions (py × px); its maximum.</summary>
    private static (double X, double Y, double Value) Peak(ComplexMatrix r, double[] px, double[] py, bool parabolic = false)
    {
        var gy = DftMatrix.InverseAt(r.Rows, py);
        var gxT = DftMatrix.InverseAt(r.Columns, px).Transpose();
        var surface = ComplexMatrix.Multiply(ComplexMatrix.Multiply(gy, r), gxT);
        int w = px.Length, h = py.Length, best = 0;
        for (int i = 1; i < w * h; i++)
            if (surface.Re[i] > surface.Re[best]) best = i;
        int bx = best % w, by = best / w;
        double x = px[bx], y = py[by], value = surface.Re[best];
        if (parabolic)
        {
            if (bx > 0 && bx < w - 1) x += (px[1] - px[0]) * Vertex(surface.Re[best - 1], value, surface.Re[best + 1]);
            if (by > 0 && by < h - 1) y += (py[1] - py[0]) * Vertex(surface.Re[best - w], value, surface.Re[best + w]);
        }
        return (x, y, value);
    }

    // Offset of the vertex of the parabola through (−1, a), (0, b), (1, c), in [−½, ½].
    private static double Vertex(double a, double b, double c)
    {
        double d = a - 2 * b + c;
        return d < 0 ? Math.Clamp(0.5 * (a - c) / d, -0.5, 0.5) : 0;
    }
}
