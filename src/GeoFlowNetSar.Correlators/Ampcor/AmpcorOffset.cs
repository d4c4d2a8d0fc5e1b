namespace GeoFlowNetSar.Correlators.Ampcor;

/// <summary>
/// One Ampcor window result: offsets (px; NaN when rejected), SNR, the interpolated peak NCC, and the offset
/// covariance estimate (px²; NaN where the surface curvature is too flat to give one). SNR and peak are kept for
/// rejected windows too (diagnostics).
/// </summary>
public readonly record struct AmpcorOffset(float Dx, float Dy, float Snr, float PeakNcc, float CovXX, float CovYY, float CovXY)
{
    public bool IsValid => !float.IsNaN(Dx) && !float.IsNaN(Dy);
}
