using GeoFlowNetSar.Synthesis.Geometry;
using GeoFlowNetSar.Synthesis.Warping;

namespace GeoFlowNetSar.Synthesis.RealPairs;

/// <summary>
/// Warps a real (detected amplitude) image: OUT(q) = IN(p + t) where p solves p + d(p) = q — the inverse mapping and
/// the 12-tap band-limited kernel of <see cref="ComplexWarper"/>, applied to amplitude, plus a constant offset t
/// (the pair's residual misregistration, so the output is aligned with PRE).
/// </summary>
/// <remarks>
/// Limitation: detected amplitude is not band-limited (|z| doubles the bandwidth and real SLC amplitude is aliased),
/// so interpolating it is less exact than warping the complex field before detection, as the simulator does: expect
/// errors of a few hundredths of a pixel in the effective shift and a slight smoothing of the speckle. Negative
/// kernel overshoots are clipped to 0.
/// </remarks>
public static class AmplitudeWarper
{
    /// <summary>Source samples needed on each side beyond max |d| + |t|.</summary>
    public const int KernelMargin = InterpolationKernel.HalfWidth + 1;

    /// <param name="source">Row-major input covering global pixels [sourceX, sourceX + sourceWidth) × [sourceY, …).</param>
    /// <param name="displacement">d on the output grid, pixels, in the output's coordinates (0 … n−1).</param>
    /// <param name="originX">Global position of output pixel (0, 0) before the offset: q maps to source at origin + p + t.</param>
    public static void Warp(ReadOnlySpan<float> source, int sourceX, int sourceY, int sourceWidth, int sourceHeight,
        DisplacementField? displacement, double originX, double originY, double offsetX, double offsetY,
        int width, int height, Span<float> output, int iterations = ComplexWarper.DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        if (source.Length < (long)sourceWidth * sourceHeight) throw new ArgumentException("source too small", nameof(source));
        if (output.Length < (long)width * height) throw new ArgumentException("output too small", nameof(output));
        const int taps = InterpolationKernel.Taps;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                var (px, py) = displacement is null ? (x, y) : ComplexWarper.Invert(displacement, x, y, iterations);
                double sx = originX + px + offsetX, sy = originY + py + offsetY;
                int ix = InterpolationKernel.Locate(sx, out int phx) - sourceX;
                int iy = InterpolationKernel.Locate(sy, out int phy) - sourceY;
                if (ix < 0 || iy < 0 || ix + taps > sourceWidth || iy + taps > sourceHeight)
                    throw new ArgumentOutOfRangeException(nameof(source), $"The source window does not cover position ({sx:F2}, {sy:F2}).");
                var wx = InterpolationKernel.Weights(phx);
                var wy = InterpolationKernel.Weights(phy);
                double sum = 0;
                for (int r = 0; r < taps; r++)
                {
                    var row = source.Slice((iy + r) * sourceWidth + ix, taps);
                    double acc = 0;
                    for (int c = 0; c < taps; c++) acc += row[c] * wx[c];
                    sum += acc * wy[r];
                }
                output[y * width + x] = (float)Math.Max(0, sum);
            }
    }
}
