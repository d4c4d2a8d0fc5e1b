namespace GeoFlowNetSar.Model.Inference;

/// <summary>Arithmetic of the U-Net forward pass at inference.</summary>
public enum InferencePrecision
{
    /// <summary>Float32 weights and activations (reference).</summary>
    Float32,

    /// <summary>
    /// Weights and activations cast to bfloat16, output back to float32: about 2.3× faster on CPU (measured), with
    /// ≈ 0.002 px difference. Use it only where it stays within 0.005 px of Float32 on validation pairs.
    /// </summary>
    BFloat16,
}
