using GeoFlowNetSar.Core.Metrics;

namespace GeoFlowNetSar.Cli.Evaluation;

/// <summary>One method on one scene: where its displacement went, its errors (null without truth) and its time.</summary>
/// <param name="Raster">The displacement GeoTIFF (band 1 dx, band 2 dy), inside the output folder.</param>
/// <param name="FalseMotion">Mean |d| on a scene without deformation (NaN on other scenes).</param>
/// <param name="Seconds">Wall time of the shared pipeline on this scene (reading, windows, stitching, writing).</param>
public sealed record MethodRun(string Method, string Raster, DisplacementScore? Score, double FalseMotion, double Coverage, double Seconds, double Megapixels)
{
    public double SecondsPerMegapixel => Megapixels > 0 ? Seconds / Megapixels : double.NaN;
}

/// <summary>Every available method on one scene.</summary>
public sealed record SceneResult(EvaluationScene Scene, int Width, int Height, IReadOnlyList<MethodRun> Runs);

/// <summary>The whole evaluation: settings, scenes, per-scene runs; the tables are computed from these.</summary>
public sealed record EvaluationResults(
    IReadOnlyList<MethodSetting> Methods,
    IReadOnlyList<SceneResult> Scenes,
    DateTime StartedUtc,
    TimeSpan Elapsed,
    string CommandLine,
    string? TimingNote,
    string? Note = null,
    SwathResult? Swath = null)
{
    public IEnumerable<MethodSetting> Available => Methods.Where(m => m.Available);

    /// <summary>Table I's accuracy for a method: errors pooled over the scenes of <paramref name="role"/>.</summary>
    public DisplacementScore? Pooled(string method, SceneRole role)
    {
        var runs = Scenes.Where(s => s.Scene.Role == role).SelectMany(s => s.Runs).Where(r => r.Method == method && r.Score is not null).ToList();
        if (runs.Count == 0) return null;
        var pooled = new DisplacementScore();
        foreach (var run in runs) pooled.Add(run.Score!);
        return pooled;
    }

    /// <summary>Mean |d| over the still scenes' pixels (all still scenes pooled by pixel count); NaN without one.</summary>
    public double FalseMotion(string method)
    {
        var runs = Scenes.Where(s => s.Scene.Role == SceneRole.Still).SelectMany(s => s.Runs).Where(r => r.Method == method && double.IsFinite(r.FalseMotion)).ToList();
        return runs.Count == 0 ? double.NaN : runs.Sum(r => r.FalseMotion * r.Megapixels) / runs.Sum(r => r.Megapixels);
    }

    /// <summary>Median over scenes of seconds per megapixel (robust to the first run's start-up: JIT, libtorch, weights).</summary>
    public double MedianSecondsPerMegapixel(string method)
    {
        var values = Scenes.SelectMany(s => s.Runs).Where(r => r.Method == method).Select(r => r.SecondsPerMegapixel).Where(double.IsFinite).Order().ToArray();
        if (values.Length == 0) return double.NaN;
        int mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
    }
}
