namespace GeoFlowNetSar.Core.Rasters;

/// <summary>The output bands in the order DESIGN.md fixes: dx (range), dy (azimuth), then their spreads.</summary>
public static class DisplacementBands
{
    public static IReadOnlyList<string> Names(bool withUncertainty) =>
        withUncertainty ? ["dx", "dy", "sigma_dx", "sigma_dy"] : ["dx", "dy"];
}
