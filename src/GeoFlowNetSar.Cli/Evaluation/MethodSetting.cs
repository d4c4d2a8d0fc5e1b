using GeoFlowNetSar.Estimators;

namespace GeoFlowNetSar.Cli.Evaluation;

/// <summary>
/// A method as the evaluation runs it: its window/step, and why it cannot run when it cannot (the U-Net without
/// weights). <see cref="Model"/> describes the U-Net weights used.
/// </summary>
public sealed record MethodSetting(string Name, string Description, int Window, int Step, string? Unavailable, ModelDescription? Model)
{
    public bool Available => Unavailable is null;

    public string Setting => $"{Window}/{Step}";
}

/// <summary>The U-Net weights file: path, file sha256, payload sha256 (the loader's identity) and training metadata.</summary>
/// <param name="Shipped">True for the build's own weights (models/geoflownet-sar.gfnw), false for --model or GEOFLOWNET_MODEL.</param>
public sealed record ModelDescription(string Path, string FileSha256, string PayloadSha256, IReadOnlyDictionary<string, string> Metadata, bool Shipped)
{
    public string? PlannedSteps => Metadata.TryGetValue("planned_steps", out var steps) ? steps : null;

    public string? Step => Metadata.TryGetValue("step", out var step) ? step : null;

    public string? Kind => Metadata.TryGetValue("kind", out var kind) ? kind : null;
}

/// <summary>The paper's figures (Wang et al. 2025, Tables I and II; DESIGN.md), shown beside ours and labelled as theirs.</summary>
public static class PaperFigures
{
    public sealed record Row(string Method, string Label, double MaeRange, double MaeAzimuth, double? Seconds1024, string Hardware, string Setting);

    public static readonly IReadOnlyList<Row> Rows =
    [
        new("unet", "GeoFlowNet-SAR", 0.0326, 0.0378, 3.11, "V100 GPU", "256/128"),
        new("frequency", "COSI-Corr frequency", 0.0498, 0.0471, 5.18, "16-core CPU", "128/2"),
        new("spatial", "COSI-Corr spatial", 0.0659, 0.0776, 6.14, "16-core CPU", "64/16"),
        new("ampcor", "Ampcor", 0.0456, 0.0425, 53.91, "16-core CPU", "64/16"),
    ];

    public static Row? For(string method) => Rows.FirstOrDefault(r => r.Method.Equals(method, StringComparison.OrdinalIgnoreCase));

    /// <summary>The catalog's methods in the paper's order (U-Net first), others after.</summary>
    public static IEnumerable<EstimatorMethod> Ordered(IEnumerable<EstimatorMethod> methods) =>
        methods.OrderBy(m => Rows.ToList().FindIndex(r => r.Method == m.Name) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(m => m.Name, StringComparer.Ordinal);
}
