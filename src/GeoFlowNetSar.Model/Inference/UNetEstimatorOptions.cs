namespace GeoFlowNetSar.Model.Inference;

/// <summary>How the U-Net is run over windows (DESIGN.md: 256×256 windows at stride 128).</summary>
/// <param name="Window">Window side in pixels; any size the network accepts (multiples of 16 avoid cropping).</param>
/// <param name="Step">Window stride the pipeline should use (reported through <c>IDisplacementEstimator.Step</c>).</param>
/// <param name="BatchSize">Windows per forward pass.</param>
/// <param name="Precision">Float32, or BFloat16 (faster, see <see cref="InferencePrecision"/>).</param>
/// <param name="FlipAveraging">Average the predictions of the four range/azimuth mirror images (4× the work).</param>
public sealed record UNetEstimatorOptions(
    int Window = 256,
    int Step = 128,
    int BatchSize = 8,
    InferencePrecision Precision = InferencePrecision.Float32,
    bool FlipAveraging = false)
{
    public void Validate()
    {
        if (Window < 16) throw new ArgumentOutOfRangeException(nameof(Window), Window, "The U-Net needs windows of at least 16×16 pixels.");
        if (Step < 1) throw new ArgumentOutOfRangeException(nameof(Step), Step, "Use a step of at least 1 pixel.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "Use a batch of at least 1 window.");
    }
}
