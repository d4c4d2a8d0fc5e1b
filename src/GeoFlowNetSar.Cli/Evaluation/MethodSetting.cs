using System.Globalization;
using GeoFlowNetSar.Cli.Settings;
using GeoFlowNetSar.Estimators;

namespace GeoFlowNetSar.Cli.Evaluation;

/// <summary>
/// A method as the evaluation runs it: its window/step and where that came from, and why it cannot run when it cannot
/// (the U-Net without weights). <see cref="Model"/> describes the U-Net weights used.
/// </summary>
public sealed record MethodSetting(string Name, string Description, int Window, int Step, string? Unavailable, ModelDescription? Model,
    SettingSource? Source = null)
{
    public SettingSource Origin => Source ?? SettingSource.Paper;

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
    /// <param name="SecondsSwath">Their time for the 9514×24418 swath (Table II).</param>
    public sealed record Row(string Method, string Label, double MaeRange, double MaeAzimuth, double? Seconds1024, string Hardware, string Setting,
        double? SecondsSwath = null);

    public static readonly IReadOnlyList<Row> Rows =
    [
        new("unet", "GeoFlowNet-SAR", 0.0326, 0.0378, 3.11, "V100 GPU", "256/128", 108.94),
        new("frequency", "COSI-Corr frequency", 0.0498, 0.0471, 5.18, "16-core CPU", "128/2", 162.92),
        new("spatial", "COSI-Corr spatial", 0.0659, 0.0776, 6.14, "16-core CPU", "64/16", 1286.58),
        new("ampcor", "Ampcor", 0.0456, 0.0425, 53.91, "16-core CPU", "64/16", 12559.96),
    ];

    public static Row? For(string method) => Rows.FirstOrDefault(r => r.Method.Equals(method, StringComparison.OrdinalIgnoreCase));

    /// <summary>The catalog's methods in the paper's order (U-Net first), others after.</summary>
    public static IEnumerable<EstimatorMethod> Ordered(IEnumerable<EstimatorMethod> methods) =>
        methods.OrderBy(m => Rows.ToList().FindIndex(r => r.Method == m.Name) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(m => m.Name, StringComparer.Ordinal);
}

/// <summary>Where a method's window/step came from: "best" (a sweep, with its reference), "paper" or "override" (--settings).</summary>
public sealed record SettingSource(string Kind, string Text, BestSetting? Sweep = null)
{
    public static readonly SettingSource Paper = new("paper", "paper setting (catalog default)");

    public static readonly SettingSource Override = new("override", "given with --settings");

    public static SettingSource PaperNoSweep(string file) => new("paper", $"paper setting (catalog default; no sweep entry in {file})");

    public static SettingSource FromSweep(BestSetting best, string file) => new("best",
        $"best sweep setting ({file}: `{best.Sweep.Command}`, {best.Sweep.DateUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, " +
        $"{best.Sweep.Scenes} scene(s) {best.Sweep.Size}², mean MAE {best.MeanMae.ToString("F4", CultureInfo.InvariantCulture)} px)", best);
}
