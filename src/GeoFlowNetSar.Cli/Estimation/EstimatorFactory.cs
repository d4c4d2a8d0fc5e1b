using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Estimators.CoarseOffset;

namespace GeoFlowNetSar.Cli.Estimation;

/// <summary>The CLI's view of the shared method catalog (the same one the cluster's silos use).</summary>
public static class EstimatorFactory
{
    public static EstimatorCatalog Catalog { get; } = EstimatorCatalog.Default;

    public static string[] Methods => Catalog.Methods.Select(m => m.Name).Order(StringComparer.Ordinal).ToArray();

    public static (int Window, int Step) Defaults(string method)
    {
        var entry = Catalog.Get(method);
        return (entry.DefaultWindow, entry.DefaultStep);
    }

    public static IDisplacementEstimator Create(string method, int window, int step, int? threads, string? device,
        CoarseOffsetMode coarse = CoarseOffsetMode.Auto, EstimatorCatalog? catalog = null, CorrelatorTuning? tuning = null,
        bool flipAverage = true, string? precision = null)
    {
        if (window < 8) throw new CliInputException($"--window must be at least 8 pixels (got {window}).");
        if (step < 1) throw new CliInputException($"--step must be at least 1 pixel (got {step}).");
        var chosen = catalog ?? Catalog;
        TuningOptions.CheckApplies(chosen.Get(method).Name, tuning);
        return chosen.Create(method, new EstimatorSettings(window, step, threads, device, coarse, tuning, flipAverage, precision));
    }
}
