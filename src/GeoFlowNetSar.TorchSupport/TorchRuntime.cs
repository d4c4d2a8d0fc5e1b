using TorchSharp;

namespace GeoFlowNetSar.TorchSupport;

/// <summary>
/// Process-wide libtorch settings and the device choice, shared by the correlators, the U-Net and training.
/// Two CPU-heavy pools on the same cores slow each other several-fold, so the thread count is set once, to the
/// cores this process owns, unless the caller asks otherwise. The same binaries run on CPU nodes and, with a CUDA
/// LibTorch, on GPU nodes: the device is chosen at run time.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static bool _configured;

    /// <summary>
    /// Sets libtorch's intra-op thread count: <paramref name="threads"/> when given (always applied), else the
    /// processor count, once per process (later calls without a count keep what was set).
    /// </summary>
    public static void Configure(int? threads = null)
    {
        lock (Gate)
        {
            int wanted = threads ?? Environment.ProcessorCount;
            if (_configured && threads is null) return;
            if (!_configured) NativeHeap.KeepFreedMemory(); // the entry points do it first; this covers other hosts
            torch.set_num_threads(Math.Max(1, wanted));
            _configured = true;
        }
    }

    /// <summary>
    /// The device for <paramref name="requested"/>: "auto", empty or null → CUDA when libtorch has it, else the CPU;
    /// "cpu"; "cuda" or "cuda:N" → that device, and an error when no CUDA device is available (an explicit request is
    /// never silently downgraded). Case and surrounding blanks are ignored.
    /// </summary>
    public static torch.Device SelectDevice(string? requested)
    {
        string value = requested?.Trim().ToLowerInvariant() ?? "";
        if (value is "" or "auto") return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        if (value == "cpu") return torch.CPU;
        if (value == "cuda" || IsIndexedCuda(value))
        {
            if (!torch.cuda.is_available())
                throw new InvalidOperationException($"Device '{requested}' was asked for, but no CUDA device is available to libtorch.");
            return torch.device(value);
        }
        throw new ArgumentException($"Unknown device '{requested}': use cpu, cuda, cuda:N or auto.", nameof(requested));
    }

    private static bool IsIndexedCuda(string value) =>
        value.StartsWith("cuda:", StringComparison.Ordinal) && value.Length > 5 && value.AsSpan(5).IndexOfAnyExceptInRange('0', '9') < 0;
}
