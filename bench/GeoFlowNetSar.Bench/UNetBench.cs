using System.Diagnostics;
using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Model.Inference;
using GeoFlowNetSar.Model.Network;
using GeoFlowNetSar.Model.Weights;
using GeoFlowNetSar.Pipeline.Scenes;
using GeoFlowNetSar.Pipeline.Stitching;
using GeoFlowNetSar.Raster.Writing;
using GeoFlowNetSar.Synthesis.Textures;
using TorchSharp;

namespace GeoFlowNetSar.Bench;

/// <summary>
/// U-Net inference speed: windows/s and effective GFLOP/s (2 FLOP per multiply–accumulate of
/// <see cref="UNetArchitecture.Convolutions"/>) for fp32 and bf16 at batch 1, 8, 32 on 256² windows, the bf16 − fp32
/// difference on speckle, and a whole scene through the shared pipeline (time, peak RSS).
/// </summary>
internal static class UNetBench
{
    private const int Window = 256;

    /// <summary>Markdown rows: precision, batch, windows/s, GFLOP/s, and max |bf16 − fp32| per batch size.</summary>
    public static void Throughput(string? weights, double width, int threads, double seconds)
    {
        torch.set_num_threads(threads);
        var architecture = weights is null ? new UNetArchitecture(width) : ModelWeights.ReadInfo(weights).Architecture;
        double gflopPerWindow = 2.0 * architecture.MultiplyAccumulates(Window) / 1e9;
        Console.WriteLine($"{architecture}, {gflopPerWindow:F2} GFLOP per {Window}² window, {threads} libtorch thread(s), weights {weights ?? "random"}");
        Console.WriteLine("| precision | batch | windows/s | effective GFLOP/s | s per window |");
        Console.WriteLine("|---|---|---|---|---|");
        var (pre, post) = Pair(Window * 2);
        foreach (var precision in new[] { InferencePrecision.Float32, InferencePrecision.BFloat16 })
            foreach (int batch in new[] { 1, 8, 32 })
            {
                using var estimator = Build(weights, architecture, precision, batch);
                var origins = Origins(batch);
                var dx = new float[batch * Window * Window];
                var dy = new float[dx.Length];
                estimator.Estimate(pre, post, origins, dx, dy); // warm-up: allocations, kernel selection
                int windows = 0;
                var clock = Stopwatch.StartNew();
                while (clock.Elapsed.TotalSeconds < seconds)
                {
                    estimator.Estimate(pre, post, origins, dx, dy);
                    windows += batch;
                }
                double rate = windows / clock.Elapsed.TotalSeconds;
                Console.WriteLine($"| {precision} | {batch} | {rate:F2} | {rate * gflopPerWindow:F0} | {1 / rate:F3} |");
            }
        Console.WriteLine($"max |bf16 − fp32| over 8 speckle windows: {PrecisionDifference(weights, architecture, pre, post):F4} px");
    }

    /// <summary>One Markdown row: a size² scene (procedural texture) through the pipeline with the U-Net.</summary>
    public static void Scene(string outDir, string? weights, double width, int threads, int size, InferencePrecision precision)
    {
        torch.set_num_threads(threads);
        var architecture = weights is null ? new UNetArchitecture(width) : ModelWeights.ReadInfo(weights).Architecture;
        var pre = new ProceduralAmplitudeSource(size, size, 1, "procedural-pre");
        var post = new ProceduralAmplitudeSource(size, size, 2, "procedural-post");
        using var estimator = Build(weights, architecture, precision, batch: 8);
        var options = new SceneOptions(new MosaicOptions(StripRows: 256));
        string output = Path.Combine(outDir, "bench-unet-mosaic.tif");
        var clock = Stopwatch.StartNew();
        SceneReport report;
        using (var sink = new GeoTiffDisplacementSink(output, size, size, options.Mosaic.BandNames, null, new GeoTiffSinkOptions()))
            report = ScenePipeline.Run(pre, post, estimator, sink, options);
        clock.Stop();
        File.Delete(output);
        Console.WriteLine($"| {size}×{size} U-Net {precision} ({architecture.WidthMultiplier}) | {report.Windows:N0} windows, {threads} thread(s) | {clock.Elapsed.TotalSeconds:F0} s | {report.Windows / clock.Elapsed.TotalSeconds:F2} windows/s | {Rss.PeakMegabytes():F0} MB |");
    }

    private static double PrecisionDifference(string? weights, UNetArchitecture architecture, FloatImage pre, FloatImage post)
    {
        var origins = Origins(8);
        float[] Run(InferencePrecision precision)
        {
            using var estimator = Build(weights, architecture, precision, 8);
            var dx = new float[8 * Window * Window];
            var dy = new float[dx.Length];
            estimator.Estimate(pre, post, origins, dx, dy);
            return [.. dx, .. dy];
        }
        var a = Run(InferencePrecision.Float32);
        var b = Run(InferencePrecision.BFloat16);
        double max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }

    private static UNetEstimator Build(string? weights, UNetArchitecture architecture, InferencePrecision precision, int batch)
    {
        var options = new UNetEstimatorOptions(Window, Window / 2, batch, precision);
        if (weights is not null) return UNetEstimator.Load(weights, options);
        torch.manual_seed(1);
        return new UNetEstimator(new GeoFlowNetUNet(architecture), options);
    }

    private static WindowOrigin[] Origins(int count) =>
        Enumerable.Range(0, count).Select(i => new WindowOrigin(i % 2 * Window / 2, i / 2 % 2 * Window / 2)).ToArray();

    private static (FloatImage Pre, FloatImage Post) Pair(int size)
    {
        var field = new PlaneWaveField(400, 0.4, seed: 3);
        return (field.Amplitude(size, size), field.Amplitude(size, size, 0.4, -0.3));
    }
}
