using GeoFlowNetSar.TorchSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Surfaces;

/// <summary>
/// Ampcor's zoom of a real Z×Z piece of a correlation surface: the piece's trigonometric interpolant (FFT
/// zero-padding of the periodic piece, Nyquist split evenly between ±½ for even Z) evaluated on a coarse grid around
/// the piece's centre, then on a fine grid around the coarse maximum (<see cref="PeakZoom"/>'s two-stage scheme),
/// with real matrices: the interpolant at (y, x) is Σ_n Σ_m v[n, m]·D(y − n)·D(x − m), with the periodic Dirichlet
/// kernel D(t) = (1/Z)·Σ_f ν_f·cos(2πft/Z), f ∈ [−⌊Z/2⌋, ⌊Z/2⌋], ν = ½ at |f| = Z/2. Every grid position is known in
/// advance relative to the piece (the coarse grid is fixed, the fine grid depends only on the coarse maximum's
/// index), so the kernels are constant tables and the zoom is Dc·V·Dcᵀ, then a row gather and D_y·V·D_xᵀ per
/// window — the values <see cref="DftUpsampler"/> gives on the same grids, without complex kernels or an FFT.
/// </summary>
public sealed class DirichletZoom : IDisposable
{
    private readonly Tensor _coarse;  // Dc [Pc, Z]
    private readonly Tensor _coarseT; // Dcᵀ [Z, Pc]
    private readonly Tensor? _fine;   // [Pc, Pf, Z]: row i holds the fine grid's kernels around coarse index i
    private readonly int _coarseHalf, _fineHalf, _coarseFactor, _fineFactor;

    /// <param name="size">Piece edge Z; its centre sample Z/2 (integer division) is the grid centre.</param>
    /// <param name="radius">The coarse grid covers ±radius samples (rounded up to whole coarse steps).</param>
    /// <param name="coarseFactor">Coarse grid spacing 1/coarseFactor samples.</param>
    /// <param name="fineFactor">Fine grid spacing 1/fineFactor samples, over ±1.5 coarse steps (none when equal to coarseFactor).</param>
    /// <param name="device">Where the work runs.</param>
    public DirichletZoom(int size, double radius, int coarseFactor, int fineFactor, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(coarseFactor, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fineFactor, coarseFactor);
        Size = size;
        _coarseFactor = coarseFactor;
        _fineFactor = fineFactor;
        _coarseHalf = (int)Math.Ceiling(radius * coarseFactor);
        int coarsePoints = 2 * _coarseHalf + 1;
        double centre = size / 2;
        var coarse = new float[coarsePoints * size];
        for (int i = 0; i < coarsePoints; i++)
            for (int n = 0; n < size; n++)
                coarse[i * size + n] = (float)Dirichlet(centre + (double)(i - _coarseHalf) / coarseFactor - n, size);
        using var scope = NewDisposeScope();
        var coarseTensor = tensor(coarse, [coarsePoints, size], device: device);
        _coarse = coarseTensor.DetachFromDisposeScope();
        _coarseT = coarseTensor.t().contiguous().DetachFromDisposeScope();
        if (fineFactor > coarseFactor)
        {
            _fineHalf = (int)Math.Ceiling(1.5 * fineFactor / coarseFactor);
            int finePoints = 2 * _fineHalf + 1;
            var fine = new float[coarsePoints * finePoints * size];
            for (int i = 0; i < coarsePoints; i++)
                for (int j = 0; j < finePoints; j++)
                    for (int n = 0; n < size; n++)
                        fine[(i * finePoints + j) * size + n] = (float)Dirichlet(
                            centre + (double)(i - _coarseHalf) / coarseFactor + (double)(j - _fineHalf) / fineFactor - n, size);
            _fine = tensor(fine, [coarsePoints, finePoints, size], device: device).DetachFromDisposeScope();
        }
    }

    public int Size { get; }

    /// <summary>
    /// Maximum of each piece's interpolant, for <paramref name="pieces"/> [B, Z, Z]: position (Y, X) in piece samples
    /// (float32 [B]), its value, and the last grid evaluated with the maximum's row and column and the grid spacing
    /// (for a parabola refinement).
    /// </summary>
    public (Tensor Y, Tensor X, Tensor Value, Tensor Surface, Tensor Row, Tensor Column, double Spacing) Refine(Tensor pieces)
    {
        var surface = _coarse.matmul(pieces).matmul(_coarseT);
        var (row, column, value) = SurfacePeak.ArgMax(surface);
        double centre = Size / 2;
        var (y, x) = (Position(row, _coarseHalf, _coarseFactor, centre), Position(column, _coarseHalf, _coarseFactor, centre));
        if (_fine is null) return (y, x, value, surface, row, column, 1.0 / _coarseFactor);
        var rowKernel = _fine.index_select(0, row);    // [B, Pf, Z]
        var columnKernel = _fine.index_select(0, column);
        surface = rowKernel.bmm(pieces).bmm(columnKernel.transpose(1, 2));
        (row, column, value) = SurfacePeak.ArgMax(surface);
        y = y.add_(Position(row, _fineHalf, _fineFactor, 0), TorchScalars.One);
        x = x.add_(Position(column, _fineHalf, _fineFactor, 0), TorchScalars.One);
        return (y, x, value, surface, row, column, 1.0 / _fineFactor);
    }

    // origin + (index − half)/factor = (index − (half − origin·factor))/factor.
    private static Tensor Position(Tensor index, int half, int factor, double origin)
    {
        using var centre = (half - origin * factor).ToScalar();
        using var scale = (1.0 / factor).ToScalar();
        return index.to_type(ScalarType.Float32).sub(centre).mul(scale);
    }

    /// <summary>The periodic Dirichlet kernel of a <paramref name="size"/>-sample period at <paramref name="t"/> samples (split Nyquist).</summary>
    public static double Dirichlet(double t, int size)
    {
        double sum = 0;
        for (int f = -(size / 2); f <= size / 2; f++)
            sum += (size % 2 == 0 && Math.Abs(f) == size / 2 ? 0.5 : 1.0) * Math.Cos(2 * Math.PI * f * t / size);
        return sum / size;
    }

    public void Dispose()
    {
        _coarse.Dispose();
        _coarseT.Dispose();
        _fine?.Dispose();
    }
}
