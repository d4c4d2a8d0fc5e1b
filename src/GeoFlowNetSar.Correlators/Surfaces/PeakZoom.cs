using GeoFlowNetSar.TorchSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Surfaces;

/// <summary>
/// Evaluates a surface on a P×P grid: (centreY [B], centreX [B], P, spacing) → [B, P, P], the grid being
/// centre + (i − (P−1)/2)·spacing along each axis (see <see cref="DftUpsampler.Evaluate"/>).
/// </summary>
public delegate Tensor GridEvaluator(Tensor centreY, Tensor centreX, int points, double spacing);

/// <summary>
/// Sub-sample peak of a surface that can be evaluated anywhere (a DFT-upsampled correlation): a coarse grid over
/// ±<c>radius</c> samples around the integer peak, then a fine grid over ±1.5 coarse steps around the coarse maximum
/// (Guizar-Sicairos' two-stage scheme), then, optionally, the vertex of a parabola through the fine maximum and its
/// neighbours — a last ¼-step refinement on a grid fine enough for the parabola not to peak-lock.
/// </summary>
public static class PeakZoom
{
    public static (Tensor Y, Tensor X, Tensor Value) Refine(
        GridEvaluator evaluate, Tensor y0, Tensor x0, double radius, int coarseFactor, int fineFactor, bool parabola)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(coarseFactor, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fineFactor, coarseFactor);
        var (y, x, value, surface, row, column, spacing) = Stage(evaluate, y0, x0, (int)Math.Ceiling(radius * coarseFactor), 1.0 / coarseFactor);
        if (fineFactor > coarseFactor)
        {
            int half = (int)Math.Ceiling(1.5 * fineFactor / coarseFactor);
            (y, x, value, surface, row, column, spacing) = Stage(evaluate, y, x, half, 1.0 / fineFactor);
        }
        if (parabola)
        {
            var (dy, dx) = SurfacePeak.ParabolicVertex(surface, row, column);
            using var step = spacing.ToScalar();
            y = TorchScalars.Add(y, dy.mul(step));
            x = TorchScalars.Add(x, dx.mul(step));
        }
        return (y, x, value);
    }

    private static (Tensor Y, Tensor X, Tensor Value, Tensor Surface, Tensor Row, Tensor Column, double Spacing) Stage(
        GridEvaluator evaluate, Tensor y0, Tensor x0, int half, double spacing)
    {
        int points = 2 * half + 1;
        var surface = evaluate(y0, x0, points, spacing);
        var (row, column, value) = SurfacePeak.ArgMax(surface);
        using var centre = half.ToScalar();
        using var step = spacing.ToScalar();
        var y = TorchScalars.Add(y0, row.sub(centre).to_type(ScalarType.Float32).mul(step));
        var x = TorchScalars.Add(x0, column.sub(centre).to_type(ScalarType.Float32).mul(step));
        return (y, x, value, surface, row, column, spacing);
    }
}
