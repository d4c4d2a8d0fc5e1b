namespace GeoFlowNetSar.Pipeline.Scenes;

/// <summary>
/// What a scene run did: for the CLI summary, warnings and reports. <paramref name="Estimating"/> is the part of
/// <paramref name="Elapsed"/> spent in the estimator's calls (zero when not measured, e.g. through the cluster).
/// </summary>
public sealed record SceneReport(
    string Method, int Width, int Height, int Chunks, long Windows, long WindowsWithoutEstimate, TimeSpan Elapsed,
    TimeSpan Estimating = default)
{
    public double Megapixels => (double)Width * Height / 1e6;

    public double MegapixelsPerSecond => Elapsed.TotalSeconds > 0 ? Megapixels / Elapsed.TotalSeconds : double.NaN;

    /// <summary>True when no window had an estimate: a constant or fully masked input ("no texture").</summary>
    public bool NoEstimateAtAll => Windows > 0 && WindowsWithoutEstimate == Windows;
}
