using System.Diagnostics;
using GeoFlowNetSar.Cli.Estimation;
using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Pipeline.Scenes;

namespace GeoFlowNetSar.Cli.Evaluation;

/// <summary>The displacement maps of one scene kept for the figures: the truth (if any) and every method's estimate.</summary>
public sealed record FigureScene(SceneResult Result, DisplacementRaster? Truth, IReadOnlyList<(string Method, DisplacementRaster Estimate)> Estimates);

/// <summary>Writes one method's displacement GeoTIFF for a scene at <c>raster</c> and reports the pipeline's work.</summary>
public delegate SceneReport DisplacementProducer(EvaluationScene scene, MethodSetting method, string raster, int? threads, CancellationToken token);

/// <summary>
/// Runs every available method on every scene through `estimate`'s own code (<see cref="EstimateRunner"/>: GDAL in,
/// shared pipeline, GeoTIFF out), reads each displacement back from its GeoTIFF and scores it against the truth
/// with <see cref="DisplacementScore"/> — so results.json holds exactly what the written rasters give.
/// </summary>
public static class EvaluationRunner
{
    /// <param name="figureScene">Index of the scene whose maps are kept for the figures.</param>
    /// <param name="produce">How each raster is made; default `estimate`'s code with <paramref name="catalog"/>.</param>
    public static (IReadOnlyList<SceneResult> Results, FigureScene Figure) Run(
        IReadOnlyList<EvaluationScene> scenes, IReadOnlyList<MethodSetting> methods, EstimatorCatalog catalog, int? threads,
        int figureScene, Action<string> log, CancellationToken token, DisplacementProducer? produce = null)
    {
        produce ??= (scene, method, raster, t, ct) => EstimateRunner.Run(
            new EstimateRequest(scene.Pre, scene.Post, raster, method.Name, method.Window, method.Step, Threads: t, Catalog: catalog), ct);
        var results = new List<SceneResult>();
        FigureScene? figure = null;
        var available = methods.Where(m => m.Available).ToList();
        for (int s = 0; s < scenes.Count; s++)
        {
            var scene = scenes[s];
            var truth = scene.Truth is null ? null : DisplacementRaster.Read(scene.Truth);
            bool[]? near = truth is null ? null : FaultProximity.NearRupture(truth.Dx, truth.Dy, truth.Width, truth.Height);
            var runs = new List<MethodRun>();
            var estimates = new List<(string, DisplacementRaster)>();
            int width = 0, height = 0;
            foreach (var method in available)
            {
                token.ThrowIfCancellationRequested();
                string raster = Path.Combine(scene.Folder, $"displacement-{method.Name}.tif");
                var clock = Stopwatch.StartNew();
                var report = produce(scene, method, raster, threads, token);
                var estimate = DisplacementRaster.Read(raster);
                (width, height) = (estimate.Width, estimate.Height);
                DisplacementScore? score = null;
                double falseMotion = double.NaN;
                if (truth is not null)
                {
                    score = new DisplacementScore();
                    score.Add(estimate.Dx, estimate.Dy, truth.Dx, truth.Dy, near!);
                    if (scene.Role == SceneRole.Still) falseMotion = DisplacementMetrics.MeanMagnitude(estimate.Dx, estimate.Dy);
                }
                double coverage = score?.Coverage ?? CoverageOf(estimate);
                var run = new MethodRun(method.Name, raster, score, falseMotion, coverage, report.Elapsed.TotalSeconds, report.Megapixels);
                runs.Add(run);
                if (s == figureScene) estimates.Add((method.Name, estimate));
                log(Describe(scene, s, scenes.Count, method, run, clock.Elapsed));
            }
            var result = new SceneResult(scene, width, height, runs);
            results.Add(result);
            if (s == figureScene) figure = new FigureScene(result, truth, estimates);
        }
        return (results, figure ?? new FigureScene(results[0], null, []));
    }

    private static double CoverageOf(DisplacementRaster estimate)
    {
        long covered = 0;
        for (int i = 0; i < estimate.Dx.Length; i++)
            if (float.IsFinite(estimate.Dx[i]) && float.IsFinite(estimate.Dy[i])) covered++;
        return estimate.Dx.Length == 0 ? double.NaN : (double)covered / estimate.Dx.Length;
    }

    private static string Describe(EvaluationScene scene, int index, int count, MethodSetting method, MethodRun run, TimeSpan total)
    {
        string errors = run.Score is null ? "no truth"
            : scene.Role == SceneRole.Still ? $"false motion {Format.Px(run.FalseMotion)} px"
            : $"MAE dx {Format.Px(run.Score.MaeDx)} dy {Format.Px(run.Score.MaeDy)} px, near-fault {Format.Px(run.Score.NearFaultMae)} px";
        return $"evaluate: {scene.Name} ({index + 1}/{count}) {method.Name} {method.Setting}: {errors}; {run.Seconds:F1} s pipeline, {total.TotalSeconds:F1} s with I/O";
    }
}
