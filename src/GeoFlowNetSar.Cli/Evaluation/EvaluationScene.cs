namespace GeoFlowNetSar.Cli.Evaluation;

/// <summary>How a scene counts in the report.</summary>
public enum SceneRole
{
    /// <summary>Deformed, with truth: pooled into Table I.</summary>
    Scored,

    /// <summary>Truth is zero everywhere: measures false motion.</summary>
    Still,

    /// <summary>Like a scored scene, but 2×-oversampled detection: a control reported apart from Table I.</summary>
    Control,

    /// <summary>No truth (a real pair): maps and the methods' pairwise differences only.</summary>
    Unscored,
}

/// <summary>One PRE/POST pair (and its truth, when known) the evaluation runs every method on.</summary>
/// <param name="Folder">Where this scene's displacement rasters are written (inside the output folder).</param>
public sealed record EvaluationScene(
    string Name,
    string Pre,
    string Post,
    string? Truth,
    SceneRole Role,
    string Folder,
    string Description,
    IReadOnlyDictionary<string, string> Parameters)
{
    public bool HasTruth => Truth is not null;
}
