using System.Globalization;
using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Core.Tiling;
using GeoFlowNetSar.Correlators.Ampcor;
using GeoFlowNetSar.Synthesis.Scenes;
using GeoFlowNetSar.Synthesis.Simulation;
using GeoFlowNetSar.Synthesis.Speckle;
using GeoFlowNetSar.TorchSupport;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Correlators.Tests;

/// <summary>
/// Which Ampcor choices help on FaultDeform-SAR scenes (native single-look amplitude, coherence 0.6–0.95, max |d| = 1 px)
/// at the peer comparison's window 64 / step 8 / search ±8: pre-filter, data oversampling, zoom factor and window,
/// sub-pixel peak method, and the SNR / peak-NCC gates (coverage against MAE). Each variant is correlated once per
/// scene without gates; every gate is then applied to those window results and run through the shared pipeline again
/// (the same interpolation as `estimate`). Prints MAE dx / dy (each gate on its own estimates), near-fault MAE and
/// coverage, plus the constant-shift errors of the accuracy tests; asserts nothing. Runs when GEOFLOWNET_BENCH is set.
/// GEOFLOWNET_BENCH_FIRST_SEED (default 2^62 + 900,000,100: the peer comparison's scenes), GEOFLOWNET_BENCH_SCENES (4),
/// GEOFLOWNET_BENCH_SIZE (512), GEOFLOWNET_BENCH_VARIANTS (comma-separated names; default all).
/// </summary>
[Trait("Category", "Bench")]
public class AmpcorAblationReport(ITestOutputHelper output)
{
    private static readonly AmpcorCorrelatorOptions Ungated = new(Window: 64, Step: 8, MinSnr: 0, MinPeakNcc: 0, Smoothing: 0, SmoothOversampled: false);

    private static readonly (string Name, AmpcorCorrelatorOptions Options)[] Variants =
    [
        ("Ampcor as published", Ungated),
        ("smoothing 3 (former default)", Ungated with { Smoothing = 3 }),
        ("smoothing 3 oversampled", Ungated with { Smoothing = 3, SmoothOversampled = true }),
        ("smoothing 5", Ungated with { Smoothing = 5 }),
        ("deramp", Ungated with { Deramp = true }),
        ("wallis", Ungated with { Wallis = true }),
        ("data x1", Ungated with { DataOversampling = 1, ZoomWindow = 8 }),
        ("zoom 16", Ungated with { ZoomFactor = 16 }),
        ("zoom window 8", Ungated with { ZoomWindow = 8 }),
        ("zoom window 24", Ungated with { ZoomWindow = 24 }),
        ("zoom+parabola", Ungated with { Peak = AmpcorPeak.ZoomParabola }),
        ("parabola", Ungated with { Peak = AmpcorPeak.Parabola }),
        ("OpenCV-like (x1, parabola)", Ungated with { DataOversampling = 1, ZoomWindow = 8, Peak = AmpcorPeak.Parabola }),
    ];

    // The full gate sweep for the first three variants; the others with and without the default gate.
    private static readonly string[] ShortSweep = ["none", "snr 2.5"];

    private static readonly (string Name, double MinSnr, double MinPeak)[] Gates =
    [
        ("none", 0, 0), ("snr 1.5", 1.5, 0), ("snr 2", 2, 0), ("snr 2.5", 2.5, 0), ("snr 3", 3, 0),
        ("peak 0.1", 0, 0.1), ("peak 0.15", 0, 0.15), ("peak 0.2", 0, 0.2), ("peak 0.3", 0, 0.3),
        ("snr 2 + peak 0.2", 2, 0.2), ("snr 2.5 + peak 0.2", 2.5, 0.2),
    ];

    [Fact]
    public void AmpcorAblationOnFaultScenes()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GEOFLOWNET_BENCH"))) return;
        TorchRuntime.Configure(1);
        int size = int.Parse(Environment.GetEnvironmentVariable("GEOFLOWNET_BENCH_SIZE") ?? "512", CultureInfo.InvariantCulture);
        int count = int.Parse(Environment.GetEnvironmentVariable("GEOFLOWNET_BENCH_SCENES") ?? "4", CultureInfo.InvariantCulture);
        long firstSeed = long.Parse(Environment.GetEnvironmentVariable("GEOFLOWNET_BENCH_FIRST_SEED") ?? "4611686019327388004", CultureInfo.InvariantCulture);
        var only = Environment.GetEnvironmentVariable("GEOFLOWNET_BENCH_VARIANTS")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        // `geoflownet synth scene --size SIZE --seed S` (compare.sh): native detection, max |d| 1 px, no zero-deformation draw.
        var sceneOptions = new FaultDeformOptions { MaxDisplacement = (1.0, 1.0), ZeroDeformationFraction = 0, Detection = DetectionMode.Native };
        var plans = Enumerable.Range(0, count).Select(i => FaultDeformScene.Plan(size, size, firstSeed + i, sceneOptions)).ToArray();
        var scenes = plans.Select(p => p.RenderAll()).ToArray();
        var near = scenes.Select(s => FaultProximity.NearRupture(s.Dx, s.Dy, size, size)).ToArray();
        output.WriteLine($"{count} scenes {size}², seeds {firstSeed}…{firstSeed + count - 1}, coherence " +
                         string.Join(", ", plans.Select(p => p.Parameters.TryGetValue("coherence", out var c) ? c : "?")));
        foreach (var (name, options) in Variants)
        {
            if (only is not null && !only.Contains(name)) continue;
            using var replay = new GatedReplay(new AmpcorCorrelator(options));
            var locking = ConstantShiftErrors(options);
            foreach (var gate in Gates)
            {
                if (Array.FindIndex(Variants, v => v.Name == name) > 2 && !ShortSweep.Contains(gate.Name)) continue;
                replay.Gate = (gate.MinSnr, gate.MinPeak);
                var score = new Score();
                for (int i = 0; i < scenes.Length; i++)
                {
                    var (dx, dy, _) = TestScenes.RunPipeline(new FloatImage(size, size, scenes[i].Pre), new FloatImage(size, size, scenes[i].Post), replay);
                    score.Add(dx.Pixels, dy.Pixels, scenes[i].Dx, scenes[i].Dy, near[i]);
                }
                output.WriteLine($"| {name} | {gate.Name} | {score.MaeDx:F4} | {score.MaeDy:F4} | {score.BiasDy:+0.0000;-0.0000} | {score.NearFault:F4} | {100 * score.Coverage:F1} % | {locking} |");
            }
        }
    }

    // Mean |error| of a constant (0.37, −0.23) px shift on 256² speckle, windows 64/16 with the variant's peak method:
    // 2×-oversampled (the accuracy tests' case) and native single-look (where peak-locking shows).
    private static string ConstantShiftErrors(AmpcorCorrelatorOptions options)
    {
        using var estimator = new AmpcorCorrelator(options with { Step = 16 });
        var parts = new List<string>();
        foreach (var fmax in new[] { TestScenes.Oversampled, TestScenes.SingleLook })
        {
            var (pre, post) = TestScenes.ConstantShift(256, fmax, 101, 0.37, -0.23);
            var valid = TestScenes.Estimate(estimator, pre, post, TestScenes.Grid(256, 64, 16)).Where(r => r.IsValid).ToArray();
            parts.Add($"{valid.Average(r => Math.Abs(r.Dx - 0.37)):F4} / {valid.Average(r => Math.Abs(r.Dy + 0.23)):F4}");
        }
        return string.Join(" | ", parts);
    }

    private sealed class Score
    {
        private double _ex, _ey, _sy, _near, _pixels, _nearSamples, _all;

        public double MaeDx => _ex / _pixels;
        public double MaeDy => _ey / _pixels;
        public double BiasDy => _sy / _pixels;
        public double NearFault => _near / _nearSamples;
        public double Coverage => _pixels / _all;

        public void Add(float[] dx, float[] dy, float[] tx, float[] ty, bool[] near)
        {
            _all += dx.Length;
            for (int k = 0; k < dx.Length; k++)
            {
                if (!float.IsFinite(dx[k]) || !float.IsFinite(dy[k])) continue;
                double ex = Math.Abs(dx[k] - tx[k]), ey = Math.Abs(dy[k] - ty[k]);
                _ex += ex; _ey += ey; _sy += dy[k] - ty[k]; _pixels++;
                if (near[k]) { _near += ex + ey; _nearSamples += 2; }
            }
        }
    }

    /// <summary>
    /// Correlates each window once (no gates) and answers later calls on the same window from memory, with the current
    /// <see cref="Gate"/> applied: one correlation per variant and scene serves every gate.
    /// </summary>
    private sealed class GatedReplay(AmpcorCorrelator correlator) : IWindowOffsetEstimator
    {
        private readonly Dictionary<(int, int, float, float, float), AmpcorOffset> _seen = new();

        public (double MinSnr, double MinPeak) Gate { get; set; }
        public string Method => correlator.Method;
        public int WindowSize => correlator.WindowSize;
        public int Step => correlator.Step;
        public EstimateFootprint Footprint => correlator.Footprint;
        public int PreferredBatchSize => correlator.PreferredBatchSize;

        public void Estimate(FloatImage pre, FloatImage post, ReadOnlySpan<WindowOrigin> origins, Span<WindowOffset> results)
        {
            var keys = new (int, int, float, float, float)[origins.Length];
            var missing = new List<int>();
            for (int i = 0; i < origins.Length; i++)
            {
                var (x, y) = (origins[i].X, origins[i].Y);
                keys[i] = (x, y, pre[x, y], post[x + WindowSize - 1, y + WindowSize / 2], pre[x + WindowSize / 2, y + WindowSize - 1]);
                if (!_seen.ContainsKey(keys[i])) missing.Add(i);
            }
            if (missing.Count > 0)
            {
                var todo = new WindowOrigin[missing.Count];
                for (int j = 0; j < todo.Length; j++) todo[j] = origins[missing[j]];
                var computed = new AmpcorOffset[todo.Length];
                correlator.EstimateDetailed(pre, post, todo, computed);
                for (int j = 0; j < todo.Length; j++) _seen[keys[missing[j]]] = computed[j];
            }
            for (int i = 0; i < origins.Length; i++)
            {
                var r = _seen[keys[i]];
                results[i] = r.IsValid && r.Snr >= Gate.MinSnr && r.PeakNcc >= Gate.MinPeak ? new WindowOffset(r.Dx, r.Dy, r.Snr) : WindowOffset.None;
            }
        }

        public void Dispose() => correlator.Dispose();
    }
}
