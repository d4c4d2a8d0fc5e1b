using GeoFlowNetSar.TorchSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Frequency;

/// <summary>
/// The raised-cosine window and its integer translates w(p − s), per window of a batch. The second pass of the
/// frequency correlator apodises PRE with w and POST with w(p − s), s the integer shift of the first pass, so
/// both windows weigh the same ground content — what COSI-Corr gets by re-positioning the POST patch, but without
/// reading a single pixel outside the window (the estimator contract: a result depends on its window alone).
/// Apodised content that the translate pushes past the window edge lies in the taper, where w is small.
/// </summary>
public sealed class ShiftedApodisation : IDisposable
{
    private readonly int _n;
    private readonly Tensor _extended; // [3N]: zeros, profile, zeros
    private readonly Tensor _positions; // [1, N]

    public ShiftedApodisation(int n, double taperFraction, Device device)
    {
        _n = n;
        var profile = RaisedCosineWindow.Profile(n, taperFraction);
        var extended = new float[3 * n];
        profile.CopyTo(extended, n);
        // Temporaries live in this scope (an unreferenced one could be finalized mid-call); the fields are detached
        // from it and from any caller's scope: they are owned here.
        using var scope = NewDisposeScope();
        using var offset = n.ToScalar();
        _extended = tensor(extended, device: device).DetachFromDisposeScope();
        _positions = TorchScalars.Add(TorchScalars.Arange(n, ScalarType.Int64, device).view(1, n), offset).DetachFromDisposeScope();
        Window = tensor(RaisedCosineWindow.Create(n, taperFraction), [n, n], device: device).DetachFromDisposeScope();
    }

    /// <summary>w, [N, N].</summary>
    public Tensor Window { get; }

    /// <summary>w(p − s) for integer shifts <paramref name="shiftY"/>, <paramref name="shiftX"/> [B] (int64), as [B, N, N].</summary>
    public Tensor Shifted(Tensor shiftY, Tensor shiftX)
    {
        using var last = (3 * _n - 1).ToScalar();
        var rows = _extended.take((_positions - shiftY.view(-1, 1)).clamp(TorchScalars.Zero, last)); // [B, N]
        var columns = _extended.take((_positions - shiftX.view(-1, 1)).clamp(TorchScalars.Zero, last));
        return rows.unsqueeze(2) * columns.unsqueeze(1);
    }

    public void Dispose()
    {
        _extended.Dispose();
        _positions.Dispose();
        Window.Dispose();
    }
}
