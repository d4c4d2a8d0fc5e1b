namespace GeoFlowNetSar.Training;

/// <summary>
/// Full-resolution validation errors, pixels. <see cref="MaeNearFault"/>: MAE (both components) on pixels near a
/// discontinuity of the true field (NaN when the set has none); <see cref="FalseMotion"/>: mean predicted |d| on
/// samples whose true field is zero everywhere (NaN when the set has none).
/// </summary>
public sealed record ValidationMetrics(double MaeDx, double MaeDy, double MaeNearFault, double FalseMotion)
{
    /// <summary>The model-selection score: mean of the two component MAEs.</summary>
    public double Score => 0.5 * (MaeDx + MaeDy);
}
