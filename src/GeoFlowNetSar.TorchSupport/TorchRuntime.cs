using TorchSharp;

namespace GeoFlowNetSar.Correlators.Torch;

/// <summary>
/// Process-wide libtorch settings. Two CPU-heavy pools on the same cores slow each other several-fold, so
/// the thread count is set once, to the cores this process owns, unless the caller asks otherwise.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static bool _configured;

    public static void Configure(int? threads = null)
    {
        lock (Gate)
        {
            int wanted = threads ?? Environment.ProcessorCount;
            if (_configured && threads is null) return;
            torch.set_num_threads(Math.Max(1, wanted));
            _configured = true;
        }
    }

    /// <summary>"cuda" when asked for and available, else "cpu"; an unavailable explicit "cuda" is an error.</summary>
    public static torch.Device SelectDevice(string? requested)
    {
        switch (requested?.ToLowerInvariant())
        {
            case null or "" or "auto":
                return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
            case "cpu":
                return torch.CPU;
            case "cuda":
                if (!torch.cuda.is_available())
                    throw new InvalidOperationException("--device cuda was asked for, but no CUDA device is available to libtorch.");
                return torch.CUDA;
            default:
                throw new ArgumentException($"Unknown device '{requested}': use cpu, cuda or auto.");
        }
    }
}
