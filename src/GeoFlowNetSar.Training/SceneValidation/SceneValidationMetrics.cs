namespace GeoFlowNetSar.Training.SceneValidation;

/// <summary>
/// The model's MAE pooled over the validation scenes (px) and the best correlator's on the same scenes, per component.
/// </summary>
public sealed record SceneValidationMetrics(double MaeDx, double MaeDy, double NearFaultMae, double ReferenceDx, double ReferenceDy)
{
    /// <summary>
    /// max(MAE dx / best correlator's dx, MAE dy / best correlator's dy): the accuracy bar's ratio (met at ≤ 0.7),
    /// lower is better.
    /// </summary>
    public double BarRatio => Math.Max(MaeDx / ReferenceDx, MaeDy / ReferenceDy);
}
