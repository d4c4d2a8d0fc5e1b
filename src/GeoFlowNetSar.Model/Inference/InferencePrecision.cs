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

/// <summary>Parses the user's "auto", "fp32" or "bf16".</summary>
public static class InferencePrecisions
{
    /// <summary>null for "auto" (or nothing): the device decides, see <see cref="ForDevice"/>.</summary>
    public static InferencePrecision? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => null,
        "fp32" or "float32" => InferencePrecision.Float32,
        "bf16" or "bfloat16" => InferencePrecision.BFloat16,
        _ => throw new ArgumentException($"Unknown precision '{text}': use auto, fp32 or bf16.", nameof(text)),
    };

    /// <summary>
    /// "auto": bfloat16 on the CPU, where it was measured 1.9× faster and within 0.0005 px MAE of float32 on the
    /// evaluate scenes (bench/RESULTS.md); float32 on CUDA, where neither speed nor accuracy could be measured here.
    /// </summary>
    public static InferencePrecision ForDevice(InferencePrecision? requested, TorchSharp.torch.Device device) =>
        requested ?? (device.type == TorchSharp.DeviceType.CPU ? InferencePrecision.BFloat16 : InferencePrecision.Float32);
}
