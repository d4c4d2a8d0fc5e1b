using System.Diagnostics;
using GeoFlowNetSar.Bench;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Pipeline.Scenes;
using GeoFlowNetSar.Pipeline.Stitching;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Raster.Writing;

// Usage: geoflownet-bench streaming-synthetic OUT_DIR [WIDTH HEIGHT]
//        geoflownet-bench streaming-safe OUT_DIR MEASUREMENT_TIFF
//        geoflownet-bench unet-throughput [WEIGHTS.gfnw|width=W] [THREADS] [SECONDS]
//        geoflownet-bench unet-scene OUT_DIR [WEIGHTS.gfnw|width=W] [THREADS] [SIZE] [fp32|bf16]
//        geoflownet-bench mosaic-diff A.tif B.tif
// streaming-*: a whole swath through the shared pipeline (U-Net window grid 256/128, trivial estimator) into a
// GeoTIFF; wall time and peak RSS as a Markdown table row. unet-*: see UNetBench. mosaic-diff: max |A − B| per band
// (bench/cluster/compare.sh's same-answer check; see MosaicDiff).
GeoFlowNetSar.TorchSupport.NativeHeap.KeepFreedMemory(); // first, before threads pick their malloc arenas
const string Usage = "usage: geoflownet-bench streaming-synthetic OUT_DIR [WIDTH HEIGHT] | streaming-safe OUT_DIR MEASUREMENT_TIFF | " +
    "unet-throughput [WEIGHTS|width=W] [THREADS] [SECONDS] | unet-scene OUT_DIR [WEIGHTS|width=W] [THREADS] [SIZE] [fp32|bf16] | mosaic-diff A.tif B.tif";
static (string? Weights, double Width) Model(string? arg) =>
    arg is null ? (null, 1.0) : arg.StartsWith("width=", StringComparison.Ordinal) ? (null, double.Parse(arg[6..], System.Globalization.CultureInfo.InvariantCulture)) : (arg, 1.0);
if (args.Length == 3 && args[0] == "mosaic-diff") return MosaicDiff.Run(args[1], args[2]);
if (args.Length >= 1 && args[0] == "unet-throughput")
{
    var (weights, width) = Model(args.ElementAtOrDefault(1));
    UNetBench.Throughput(weights, width, int.Parse(args.ElementAtOrDefault(2) ?? "2"), double.Parse(args.ElementAtOrDefault(3) ?? "20", System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}
if (args.Length >= 2 && args[0] == "unet-scene")
{
    Directory.CreateDirectory(args[1]);
    var (weights, width) = Model(args.ElementAtOrDefault(2));
    var precision = args.ElementAtOrDefault(5) == "bf16" ? GeoFlowNetSar.Model.Inference.InferencePrecision.BFloat16 : GeoFlowNetSar.Model.Inference.InferencePrecision.Float32;
    UNetBench.Scene(args[1], weights, width, int.Parse(args.ElementAtOrDefault(3) ?? "2"), int.Parse(args.ElementAtOrDefault(4) ?? "4096"), precision);
    return 0;
}
if (args.Length < 2)
{
    Console.Error.WriteLine(Usage);
    return 2;
}
string mode = args[0], outDir = args[1];
Directory.CreateDirectory(outDir);
IAmplitudeSource pre, post;
string label;
if (mode == "streaming-synthetic")
{
    int width = args.Length > 3 ? int.Parse(args[2]) : 9514, height = args.Length > 3 ? int.Parse(args[3]) : 24418;
    pre = new ProceduralAmplitudeSource(width, height, 1, "synthetic-pre");
    post = new ProceduralAmplitudeSource(width, height, 2, "synthetic-post");
    label = $"synthetic {width}x{height}";
}
else if (mode == "streaming-safe")
{
    pre = GdalAmplitudeSource.Open(args[2]);
    post = GdalAmplitudeSource.Open(args[2]);
    label = $"SAFE measurement {pre.Width}x{pre.Height} (CInt16, all zero)";
}
else
{
    Console.Error.WriteLine($"unknown mode '{mode}'");
    return 2;
}

var clock = Stopwatch.StartNew();
var options = new SceneOptions(new MosaicOptions(StripRows: 256));
int chunkSize = options.ChunkSizeFor(pre.Width, 256);
string output = Path.Combine(outDir, "bench-mosaic.tif");
SceneReport report;
using (var sink = new GeoTiffDisplacementSink(output, pre.Width, pre.Height, options.Mosaic.BandNames, null, new GeoTiffSinkOptions { CloudOptimized = false }))
    report = ScenePipeline.Run(pre, post, new DifferenceEstimator(256, 128), sink, options);
clock.Stop();
Console.WriteLine($"| {label} | {report.Windows:N0} windows, {report.Chunks} chunks of {chunkSize} | {clock.Elapsed.TotalSeconds:F0} s | {report.MegapixelsPerSecond:F1} Mpx/s | {Rss.PeakMegabytes():F0} MB |");
File.Delete(output);
(pre as IDisposable)?.Dispose();
(post as IDisposable)?.Dispose();
return 0;
