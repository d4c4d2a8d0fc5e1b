using GeoFlowNetSar.Cli.Estimation;
using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Core.Tiling;
using GeoFlowNetSar.Pipeline.Scenes;
using GeoFlowNetSar.Pipeline.Stitching;
using GeoFlowNetSar.Synthesis.Samples;
using GeoFlowNetSar.Synthesis.Simulation;
using GeoFlowNetSar.Training.Data;

namespace GeoFlowNetSar.Cli.Sweep;

/// <summary>
/// Runs one method over every window × step on in-memory FaultDeform-SAR validation scenes (the validation
/// simulator: max |d| = 1 px) through the shared <see cref="ScenePipeline"/>, and scores each setting.
/// </summary>
public static class SweepRunner
{
    public const int NearFaultRadius = FaultProximity.DefaultRadius;

    /// <summary>Scene i's seed: the validation range (2⁶² + index, never reached by training) at index seedIndex + i.</summary>
    public static long SceneSeed(long seedIndex, int scene) => SampleSeeds.Validation(seedIndex + scene);

    public sealed record Scene(long Seed, SarPairSample Sample, bool[] NearFault);

    public static IReadOnlyList<Scene> Simulate(SweepRequest request)
    {
        var simulator = new FaultDeformSimulator();
        return Enumerable.Range(0, request.Scenes).Select(i =>
        {
            long seed = SceneSeed(request.SeedIndex, i);
            var sample = simulator.Generate(request.Size, seed);
            var near = FaultProximity.NearRupture(sample.Dx, sample.Dy, request.Size, request.Size, NearFaultRadius);
            return new Scene(seed, sample, near);
        }).ToArray();
    }

    /// <summary>Every window × step in order: a row that ran, or one skipped (window larger than the scene, over budget).</summary>
    public static IReadOnlyList<(int Window, int Step, long Windows, string? Skip)> Plan(SweepRequest request)
    {
        var plan = new List<(int, int, long, string?)>();
        foreach (int window in request.Windows)
            foreach (int step in request.Steps)
            {
                if (window > request.Size)
                {
                    plan.Add((window, step, 0, $"skipped (window > {request.Size} px scene)"));
                    continue;
                }
                long windows = new WindowGrid(request.Size, request.Size, window, step).Count;
                plan.Add((window, step, windows, windows > request.MaxWindows ? $"skipped ({windows} windows)" : null));
            }
        return plan;
    }

    /// <summary>
    /// The cost-based budget: for each window size still planned, times the estimator on one batch of real windows
    /// of the first scene (after one untimed call, so FFT plans and JIT are not charged) and predicts each setting's
    /// time as seconds per window × windows per scene × scenes (a correlator's cost per window does not depend on the
    /// step). Settings predicted above <see cref="SweepRequest.BudgetSeconds"/> are skipped with their prediction.
    /// </summary>
    public static IReadOnlyList<(int Window, int Step, long Windows, string? Skip)> ApplyBudget(
        SweepRequest request, IReadOnlyList<(int Window, int Step, long Windows, string? Skip)> plan, Scene scene, CancellationToken token)
    {
        if (request.BudgetSeconds <= 0) return plan;
        var perWindow = new Dictionary<int, double>();
        var budgeted = new List<(int, int, long, string?)>();
        foreach (var (window, step, windows, skip) in plan)
        {
            if (skip is not null)
            {
                budgeted.Add((window, step, windows, skip));
                continue;
            }
            if (!perWindow.TryGetValue(window, out double seconds))
                perWindow[window] = seconds = SecondsPerWindow(request, window, scene, token);
            double predicted = seconds * windows * request.Scenes;
            budgeted.Add((window, step, windows, predicted > request.BudgetSeconds
                ? $"skipped (predicted {Seconds(predicted)} s > budget {Seconds(request.BudgetSeconds)} s)"
                : null));
        }
        return budgeted;
    }

    /// <summary>Measured seconds per window of <paramref name="window"/> px: one batch of the scene's own windows.</summary>
    public static double SecondsPerWindow(SweepRequest request, int window, Scene scene, CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        using var estimator = EstimatorFactory.Create(request.Method, window, Math.Max(1, window / 4), request.Threads, device: null,
            catalog: request.Catalog, tuning: request.Tuning);
        if (estimator is not IWindowOffsetEstimator correlator)
        {
            // A dense estimator (the U-Net) has no per-window call: time the pipeline at half-window stride on one scene.
            int half = Math.Max(1, window / 2);
            long count2 = new WindowGrid(scene.Sample.Size, scene.Sample.Size, window, half).Count;
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            Run(request, window, half, count2, [scene], _ => { }, token);
            return System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds / Math.Max(1, count2);
        }
        int size = scene.Sample.Size;
        var pre = new FloatImage(size, size, scene.Sample.Pre);
        var post = new FloatImage(size, size, scene.Sample.Post);
        var grid = new WindowGrid(size, size, window, Math.Max(1, window / 8));
        int count = (int)Math.Min(grid.Count, Math.Max(16, estimator.PreferredBatchSize));
        var origins = new WindowOrigin[count];
        for (int k = 0; k < count; k++)
        {
            var rect = grid.WindowRect(k % grid.Columns.Count, k / grid.Columns.Count);
            origins[k] = new WindowOrigin(rect.X, rect.Y);
        }
        var results = new WindowOffset[count];
        correlator.Estimate(pre, post, origins.AsSpan(0, 1), results.AsSpan(0, 1));
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        correlator.Estimate(pre, post, origins, results);
        return System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds / count;
    }

    /// <summary>
    /// One untimed run (the smallest window, one window per row) so that JIT and libtorch start-up are not charged
    /// to the first setting's seconds per megapixel.
    /// </summary>
    public static void WarmUp(SweepRequest request, Scene scene, CancellationToken token)
    {
        int window = request.Windows.Where(w => w <= request.Size).DefaultIfEmpty(0).Min();
        if (window == 0) return;
        Run(request, window, request.Size, 0, [scene], _ => { }, token);
    }

    /// <summary>Runs one setting on every scene; <paramref name="windowsDone"/> gets each scene's windows as they finish.</summary>
    public static SweepRow Run(SweepRequest request, int window, int step, long windowsPerScene, IReadOnlyList<Scene> scenes,
        Action<long> windowsDone, CancellationToken token)
    {
        using var estimator = EstimatorFactory.Create(request.Method, window, step, request.Threads, device: null,
            catalog: request.Catalog, tuning: request.Tuning);
        var options = new SceneOptions(new MosaicOptions());
        var score = new DisplacementScore();
        double seconds = 0;
        foreach (var scene in scenes)
        {
            token.ThrowIfCancellationRequested();
            int size = scene.Sample.Size;
            var pre = new InMemoryAmplitudeSource(new FloatImage(size, size, scene.Sample.Pre), $"scene {scene.Seed} PRE");
            var post = new InMemoryAmplitudeSource(new FloatImage(size, size, scene.Sample.Post), $"scene {scene.Seed} POST");
            var sink = new InMemoryDisplacementSink(size, size, options.Mosaic.BandNames);
            long before = 0;
            var report = ScenePipeline.Run(pre, post, estimator, sink, options, new SynchronousProgress<SceneProgress>(p =>
            {
                windowsDone(p.WindowsDone - before);
                before = p.WindowsDone;
            }), token);
            seconds += report.Elapsed.TotalSeconds;
            float[] dx = sink.Band(options.Mosaic.BandNames[0]).Pixels, dy = sink.Band(options.Mosaic.BandNames[1]).Pixels;
            score.Add(dx, dy, scene.Sample.Dx, scene.Sample.Dy, scene.NearFault);
        }
        double megapixels = scenes.Sum(s => (double)s.Sample.Size * s.Sample.Size) / 1e6;
        return new SweepRow(window, step, windowsPerScene, null, score.MaeDx, score.MaeDy, score.NearFaultMae, score.Coverage,
            megapixels > 0 ? seconds / megapixels : double.NaN);
    }

    /// <summary>Seconds for a report: two decimals below 10 s, whole seconds above.</summary>
    public static string Seconds(double seconds) =>
        seconds.ToString(seconds < 10 ? "0.##" : "F0", System.Globalization.CultureInfo.InvariantCulture);
}
