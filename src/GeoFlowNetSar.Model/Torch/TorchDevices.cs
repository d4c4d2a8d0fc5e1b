using TorchSharp;

namespace GeoFlowNetSar.Model.Torch;

/// <summary>Run-time device choice: the same binaries run on CPU nodes and, with a CUDA LibTorch, on GPU nodes.</summary>
public static class TorchDevices
{
    /// <summary>"cuda" (or "cuda:N") when asked for and available, "cpu", or "auto"/null: CUDA when available.</summary>
    public static torch.Device Select(string? requested)
    {
        string value = requested?.Trim().ToLowerInvariant() ?? "";
        if (value is "" or "auto") return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        if (value == "cpu") return torch.CPU;
        if (value == "cuda" || value.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!torch.cuda.is_available())
                throw new InvalidOperationException($"Device '{requested}' was asked for, but no CUDA device is available to libtorch.");
            return torch.device(value);
        }
        throw new ArgumentException($"Unknown device '{requested}': use cpu, cuda, cuda:N or auto.", nameof(requested));
    }
}
