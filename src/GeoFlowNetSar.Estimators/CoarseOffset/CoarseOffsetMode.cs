namespace GeoFlowNetSar.Estimators.CoarseOffset;

/// <summary>
/// Whether a dense estimator is run on POST shifted by a coarse offset first (<c>--coarse auto|off</c>). Auto shifts
/// only the windows whose coarse offset rounds to at least one whole pixel, so small motion runs exactly as Off.
/// </summary>
public enum CoarseOffsetMode
{
    Auto,
    Off,
}

public static class CoarseOffsetModes
{
    /// <summary>"auto" or "off" (case-insensitive); anything else is null.</summary>
    public static CoarseOffsetMode? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "auto" => CoarseOffsetMode.Auto,
        "off" => CoarseOffsetMode.Off,
        _ => null,
    };
}
