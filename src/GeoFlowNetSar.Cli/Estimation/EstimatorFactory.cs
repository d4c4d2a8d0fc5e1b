using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Correlators.Frequency;
using GeoFlowNetSar.Correlators.Torch;
using GeoFlowNetSar.Cli.Terminal;

namespace GeoFlowNetSar.Cli.Estimation;

/// <summary>The estimation methods the CLI offers, with their default window and step.</summary>
public static class EstimatorFactory
{
    public static readonly string[] Methods = ["frequency"];

    public static (int Window, int Step) Defaults(string method) => method switch
    {
        // The paper's best COSI-Corr frequency setting (window 128, step 2).
        "frequency" => (128, 2),
        _ => throw new CliInputException($"Unknown method '{method}'. Available: {string.Join(", ", Methods)}."),
    };

    public static IDisplacementEstimator Create(string method, int window, int step, int? threads, string? device)
    {
        if (window < 8) throw new CliInputException($"--window must be at least 8 pixels (got {window}).");
        if (step < 1) throw new CliInputException($"--step must be at least 1 pixel (got {step}).");
        TorchRuntime.Configure(threads);
        var torchDevice = TorchRuntime.SelectDevice(device);
        return method switch
        {
            "frequency" => new FrequencyCorrelator(new FrequencyCorrelatorOptions(Window: window, Step: step), torchDevice),
            _ => throw new CliInputException($"Unknown method '{method}'. Available: {string.Join(", ", Methods)}."),
        };
    }
}
