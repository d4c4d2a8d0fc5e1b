using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Tiling;
using GeoFlowNetSar.Correlators.Ampcor;
using GeoFlowNetSar.Correlators.Frequency;
using GeoFlowNetSar.Correlators.Spatial;
using GeoFlowNetSar.Estimators.CoarseOffset;
using GeoFlowNetSar.TorchSupport;

namespace GeoFlowNetSar.Estimators;

/// <summary>Silo roles: where a method's tiles may run (DESIGN.md: U-Net on gpu silos, correlators on cpu silos).</summary>
public static class SiloRoles
{
    public const string Gpu = "gpu";
    public const string Cpu = "cpu";

    /// <summary>"gpu,cpu" → {gpu, cpu}: trimmed, lower-case, duplicates and empties dropped.</summary>
    public static IReadOnlyList<string> Parse(string? roles) =>
        (roles ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToLowerInvariant()).Distinct().ToArray();
}

/// <summary>
/// How to build one estimator: window and step in pixels, libtorch threads, device (cpu, cuda, auto), whether a
/// dense estimator first removes a coarse offset (<see cref="CoarseOffsetMode"/>; correlators ignore it), and the
/// correlators' quality thresholds / sub-pixel method (<see cref="CorrelatorTuning"/>; null: each method's defaults),
/// and for the U-Net whether to average its mirror-image predictions and its arithmetic (auto, fp32, bf16; null = auto).
/// </summary>
public sealed record EstimatorSettings(int Window, int Step, int? Threads = null, string? Device = null,
    CoarseOffsetMode Coarse = CoarseOffsetMode.Auto, CorrelatorTuning? Tuning = null, bool FlipAverage = true,
    string? Precision = null);

/// <summary>
/// One estimation method. <see cref="Factory"/> is null when this build cannot run it (the U-Net before its model
/// lands): the name is still known, so requests are routed and refused with a clear reason.
/// </summary>
public sealed record EstimatorMethod(
    string Name,
    string Role,
    EstimateFootprint Footprint,
    int DefaultWindow,
    int DefaultStep,
    string Description,
    Func<EstimatorSettings, IDisplacementEstimator>? Factory,
    string ModelHash = "none")
{
    public bool IsAvailable => Factory is not null;
}

/// <summary>An unknown method, or one this build cannot run; the message lists what is available.</summary>
public sealed class EstimatorUnavailableException(string message) : Exception(message);

/// <summary>
/// The estimation methods by name, with the role their tiles need. <see cref="Default"/> is what ships; tests and
/// hosts may add methods with <see cref="With"/>.
/// </summary>
public sealed class EstimatorCatalog
{
    private readonly Dictionary<string, EstimatorMethod> _methods;

    public EstimatorCatalog(IEnumerable<EstimatorMethod> methods)
    {
        _methods = new Dictionary<string, EstimatorMethod>(StringComparer.OrdinalIgnoreCase);
        foreach (var method in methods) _methods[method.Name] = method;
    }

    public static EstimatorCatalog Default { get; } = new(
    [
        // The paper's best COSI-Corr frequency setting (window 128, step 2).
        new EstimatorMethod("frequency", SiloRoles.Cpu, EstimateFootprint.CentreInterpolated, 128, 2,
            "COSI-Corr frequency correlator (libtorch FFT)", CreateFrequency),
        // The paper's COSI-Corr spatial and Ampcor settings (window 64, step 16).
        new EstimatorMethod("spatial", SiloRoles.Cpu, EstimateFootprint.CentreInterpolated, 64, 16,
            "COSI-Corr spatial correlator (NCC surface, oversampled peak)", CreateSpatial),
        new EstimatorMethod("ampcor", SiloRoles.Cpu, EstimateFootprint.CentreInterpolated, 64, 16,
            "Ampcor (ISCE) amplitude cross-correlation", CreateAmpcor),
        // The U-Net runs on 256x256 windows at stride 128 (DESIGN.md), with the shipped weights when present.
        ShippedModel.Method(),
    ]);

    public IReadOnlyCollection<EstimatorMethod> Methods => _methods.Values;

    /// <summary>Names of the methods this build can run.</summary>
    public IReadOnlyList<string> AvailableNames => _methods.Values.Where(m => m.IsAvailable).Select(m => m.Name).Order(StringComparer.Ordinal).ToArray();

    public EstimatorCatalog With(EstimatorMethod method) => new(_methods.Values.Where(m => !m.Name.Equals(method.Name, StringComparison.OrdinalIgnoreCase)).Append(method));

    public bool TryGet(string name, out EstimatorMethod method) => _methods.TryGetValue(name, out method!);

    /// <exception cref="EstimatorUnavailableException">No method of that name.</exception>
    public EstimatorMethod Get(string name) =>
        TryGet(name, out var method)
            ? method
            : throw new EstimatorUnavailableException($"Unknown method '{name}'. Available: {string.Join(", ", AvailableNames)}.");

    /// <exception cref="EstimatorUnavailableException">Unknown method, or one this build cannot run.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Window below 8 or step below 1.</exception>
    public IDisplacementEstimator Create(string name, EstimatorSettings settings)
    {
        var method = Get(name);
        if (method.Factory is null)
            throw new EstimatorUnavailableException(
                $"Method '{method.Name}' ({method.Description}) is not available in this build. Available: {string.Join(", ", AvailableNames)}.");
        if (settings.Window < 8) throw new ArgumentOutOfRangeException(nameof(settings), $"The window must be at least 8 pixels (got {settings.Window}).");
        if (settings.Step < 1) throw new ArgumentOutOfRangeException(nameof(settings), $"The step must be at least 1 pixel (got {settings.Step}).");
        if (settings.Tuning is { } tuning)
        {
            tuning.Validate();
            var unused = tuning.Inapplicable(method.Name);
            if (unused.Count > 0)
                throw new ArgumentException($"Method '{method.Name}' has no {string.Join(" and no ", unused)}.", nameof(settings));
        }
        return method.Factory(settings);
    }

    private static IDisplacementEstimator CreateSpatial(EstimatorSettings settings)
    {
        TorchRuntime.Configure(settings.Threads);
        var options = new SpatialCorrelatorOptions(Window: settings.Window, Step: settings.Step);
        if (settings.Tuning?.MinCorrelation is { } c) options = options with { MinPeakNcc = c };
        return new SpatialCorrelator(options, TorchRuntime.SelectDevice(settings.Device));
    }

    private static IDisplacementEstimator CreateAmpcor(EstimatorSettings settings)
    {
        TorchRuntime.Configure(settings.Threads);
        var options = new AmpcorCorrelatorOptions(Window: settings.Window, Step: settings.Step);
        if (settings.Tuning?.MinCorrelation is { } c) options = options with { MinPeakNcc = c };
        if (settings.Tuning?.MinSnr is { } s) options = options with { MinSnr = s };
        return new AmpcorCorrelator(options, TorchRuntime.SelectDevice(settings.Device));
    }

    private static IDisplacementEstimator CreateFrequency(EstimatorSettings settings)
    {
        TorchRuntime.Configure(settings.Threads);
        var options = new FrequencyCorrelatorOptions(Window: settings.Window, Step: settings.Step);
        if (settings.Tuning?.MinCorrelation is { } c) options = options with { MinQuality = c };
        if (settings.Tuning?.SubPixel is { } sub) options = options with { SubPixel = sub };
        return new FrequencyCorrelator(options, TorchRuntime.SelectDevice(settings.Device));
    }
}
