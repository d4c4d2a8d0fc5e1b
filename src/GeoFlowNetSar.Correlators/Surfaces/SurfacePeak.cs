using GeoFlowNetSar.TorchSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Surfaces;

/// <summary>Batched peak picking on [B, P, Q] surfaces, entirely on the device.</summary>
public static class SurfacePeak
{
    private static readonly Scalar MinusHalf = (-0.5).ToScalar();

    /// <summary>Row, column (int64) and value of each surface's maximum.</summary>
    public static (Tensor Row, Tensor Column, Tensor Value) ArgMax(Tensor surface)
    {
        long columns = surface.shape[2];
        var flat = surface.flatten(1);
        var index = flat.argmax(1);
        var value = flat.gather(1, index.unsqueeze(1)).squeeze(1);
        using var width = columns.ToScalar();
        return (index.div(width, RoundingMode.floor), index.remainder(width), value);
    }

    /// <summary>
    /// The samples at (row + dr·distance, column + dc·distance), dr, dc ∈ {−1, 0, 1}, as [B, 3, 3]; indices are
    /// clamped into the surface (callers reject windows whose peak is too close to the border).
    /// </summary>
    public static Tensor Neighbourhood(Tensor surface, Tensor row, Tensor column, int distance = 1)
    {
        long rows = surface.shape[1], columns = surface.shape[2];
        using var lastRow = (rows - 1).ToScalar();
        using var lastColumn = (columns - 1).ToScalar();
        using var width = columns.ToScalar();
        var step = tensor(new long[] { -distance, 0, distance }, device: surface.device);
        var r = TorchScalars.Add(row.view(-1, 1), step.view(1, 3)).clamp(TorchScalars.Zero, lastRow);    // [B, 3]
        var c = TorchScalars.Add(column.view(-1, 1), step.view(1, 3)).clamp(TorchScalars.Zero, lastColumn);
        var index = TorchScalars.Add(r.unsqueeze(2).mul(width), c.unsqueeze(1)).flatten(1); // [B, 9]
        return surface.flatten(1).gather(1, index).view(-1, 3, 3);
    }

    /// <summary>
    /// Sub-sample offsets (rows, columns), each in [−½, ½], of the vertex of the parabola through the maximum and
    /// its two neighbours along each axis. Only meant for finely oversampled surfaces, where the parabola is a
    /// good local model; on an integer-lag correlation surface it peak-locks.
    /// </summary>
    public static (Tensor Dy, Tensor Dx) ParabolicVertex(Tensor surface, Tensor row, Tensor column)
    {
        var n = Neighbourhood(surface, row, column);
        return (Vertex(n[.., 0, 1], n[.., 1, 1], n[.., 2, 1]), Vertex(n[.., 1, 0], n[.., 1, 1], n[.., 1, 2]));
    }

    private static Tensor Vertex(Tensor minus, Tensor centre, Tensor plus)
    {
        var curvature = TorchScalars.Add(minus - centre.mul(TorchScalars.Two), plus);
        var offset = (minus - plus) / curvature.mul(TorchScalars.Two);
        return where(curvature.lt(TorchScalars.Zero), offset.clamp(MinusHalf, TorchScalars.Half), zeros_like(offset));
    }
}
