using System.Diagnostics;
using System.Globalization;
using GeoFlowNetSar.Cli.Estimation;
using GeoFlowNetSar.Cli.Synthesis;
using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Synthesis.Simulation;
using GeoFlowNetSar.Training.Data;

namespace GeoFlowNetSar.Cli.Evaluation;

/// <summary>`evaluate --swath`: the scene size (the paper's 9514 wide × 24418 high), its seed index and the time budget per method.</summary>
public sealed record SwathRequest(int Width, int Height, long SeedIndex, double Coherence, double BudgetMinutes)
{
    public const int PaperWidth = 9514;
    public const int PaperHeight = 24418;
    public const double DefaultBudgetMinutes = 60;

    public double Megapixels => (double)Width * Height / 1e6;

    /// <summary>"9514x24418" (width × height) → (9514, 24418).</summary>
    public static (int Width, int Height) ParseSize(string text)
    {
        var parts = text.Split('x', 'X');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int width) || width < 64
            || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int height) || height < 64)
            throw new CliInputException($"--swath-size '{text}': expected WIDTHxHEIGHT in pixels, each at least 64 (e.g. {PaperWidth}x{PaperHeight}).");
        return (width, height);
    }
}

/// <summary>
/// One method on the swath: skipped (with the reason) or its wall time, pipeline time, peak RSS and errors.
/// </summary>
/// <param name="PredictedSeconds">Its median s/Mpx on the 1024²-class scenes of this run × the swath's megapixels.</param>
/// <param name="WallSeconds">The whole estimate call: opening the rasters, building the estimator (model loading), pipeline, GeoTIFF.</param>
/// <param name="PeakRssBytes">Peak resident memory while this method ran (the count is restarted before each method where Linux allows it).</param>
/// <param name="PeakIsPerMethod">False when the peak could not be restarted: then it is the process's peak so far (synthesis included).</param>
public sealed record SwathRun(string Method, string Setting, double PredictedSeconds, string? Skipped, double WallSeconds, double PipelineSeconds,
    long? PeakRssBytes, bool PeakIsPerMethod, DisplacementScore? Score)
{
    public bool Ran => Skipped is null;
}

/// <summary>The swath part of Table II: the scene and every method's run (or why it did not run).</summary>
public sealed record SwathResult(int Width, int Height, long Seed, string Description, double SynthesisSeconds, IReadOnlyList<SwathRun> Runs)
{
    public double Megapixels => (double)Width * Height / 1e6;
}

/// <summary>
/// Synthesises one FaultDeform-SAR swath, streamed band by band to GeoTIFFs like `synth scene` (memory ≈ threads ×
/// band rows × width), runs each method on it through `estimate`'s own code (<see cref="EstimateRunner"/>: GDAL in,
/// chunked pipeline, GeoTIFF out), and scores dx, dy against the truth strip by strip (no full-size array). Near-fault
/// MAE needs the rupture found over the whole truth and is not computed on the swath. A method whose predicted time
/// exceeds the budget is skipped with the prediction as its reason. The swath rasters (≈ 11 GB at full size) are
/// deleted once scored.
/// </summary>
public static class SwathEvaluation
{
    private const int StripRows = 256;

    public static SwathResult Run(string folder, SwathRequest request, IReadOnlyList<MethodSetting> methods, EstimatorCatalog catalog,
        int? threads, Func<string, double> secondsPerMegapixel, Action<string> log, CancellationToken token)
    {
        long seed = SampleSeeds.Validation(request.SeedIndex);
        var options = new FaultDeformOptions
        {
            ZeroDeformationFraction = 0,
            Fault = new FaultDeformOptions().Fault with { SurfaceRuptureFraction = 1 },
            Coherence = (request.Coherence, request.Coherence),
        };
        Directory.CreateDirectory(folder);
        string sceneFolder = Path.Combine(folder, "scene");
        log($"evaluate: swath {request.Width}x{request.Height} (width x height), seed {seed}: synthesising (streamed)…");
        var synthesis = SceneRunner.Run(new SceneRequest(sceneFolder, request.Width, request.Height, seed, options, QuickLook: false, BandRows: 256,
            Threads: threads ?? Environment.ProcessorCount), (_, _) => { }, token);
        string pre = Path.Combine(sceneFolder, "pre.tif"), post = Path.Combine(sceneFolder, "post.tif"), truth = Path.Combine(sceneFolder, "truth.tif");
        string description = $"FaultDeform-SAR swath {request.Width}x{request.Height} (width x height), seed {seed.ToString(CultureInfo.InvariantCulture)}, " +
                             $"{synthesis.Mechanism}, surface rupture, max |d| {synthesis.MaxDisplacement:0.###} px, coherence {request.Coherence:0.##}, native single-look detection";
        log($"evaluate: swath written in {synthesis.Elapsed.TotalSeconds:F0} s");

        var runs = new List<SwathRun>();
        foreach (var method in methods.Where(m => m.Available))
        {
            token.ThrowIfCancellationRequested();
            double predicted = secondsPerMegapixel(method.Name) * request.Megapixels;
            if (!(predicted <= request.BudgetMinutes * 60))
            {
                string reason = double.IsFinite(predicted)
                    ? $"skipped: predicted {(predicted < 120 ? Format.F(predicted, "F1") + " s" : Format.F(predicted / 60, "F0") + " min")} > --swath-budget {request.BudgetMinutes.ToString("0.####", CultureInfo.InvariantCulture)} min"
                    : "skipped: no time per megapixel measured in this run to predict from";
                runs.Add(new SwathRun(method.Name, method.Setting, predicted, reason, double.NaN, double.NaN, null, false, null));
                log($"evaluate: swath {method.Name} {method.Setting}: {reason}");
                continue;
            }
            string raster = Path.Combine(folder, $"displacement-{method.Name}.tif");
            GC.Collect();
            GC.WaitForPendingFinalizers();
            bool perMethod = ProcessMemory.ResetPeak();
            var clock = Stopwatch.StartNew();
            var report = EstimateRunner.Run(new EstimateRequest(pre, post, raster, method.Name, method.Window, method.Step, Threads: threads, Catalog: catalog), token);
            double wall = clock.Elapsed.TotalSeconds;
            long? peak = ProcessMemory.PeakResidentBytes();
            var score = Score(raster, truth, token);
            File.Delete(raster);
            var run = new SwathRun(method.Name, method.Setting, predicted, null, wall, report.Elapsed.TotalSeconds, peak, perMethod, score);
            runs.Add(run);
            log($"evaluate: swath {method.Name} {method.Setting}: {wall:F1} s wall ({report.Elapsed.TotalSeconds:F1} s pipeline, predicted {predicted:F0} s), " +
                $"peak RSS {(peak is { } p ? $"{p / 1048576.0:F0} MiB" : "n/a")}, MAE dx {Format.Px(score.MaeDx)} dy {Format.Px(score.MaeDy)} px");
        }
        Directory.Delete(sceneFolder, recursive: true);
        return new SwathResult(request.Width, request.Height, seed, description, synthesis.Elapsed.TotalSeconds, runs);
    }

    /// <summary>MAE dx, dy and coverage of <paramref name="estimate"/> against <paramref name="truth"/>, read strip by strip.</summary>
    public static DisplacementScore Score(string estimate, string truth, CancellationToken token)
    {
        var band1 = new AmplitudeReadOptions { Band = 1, NoDataAsNaN = true };
        var band2 = new AmplitudeReadOptions { Band = 2, NoDataAsNaN = true };
        using var dx = GdalAmplitudeSource.Open(estimate, band1);
        using var dy = GdalAmplitudeSource.Open(estimate, band2);
        using var tdx = GdalAmplitudeSource.Open(truth, band1);
        using var tdy = GdalAmplitudeSource.Open(truth, band2);
        int width = dx.Width, height = dx.Height;
        var buffers = Enumerable.Range(0, 4).Select(_ => new float[width * StripRows]).ToArray();
        var nowhere = new bool[width * StripRows];
        var score = new DisplacementScore();
        for (int row = 0; row < height; row += StripRows)
        {
            token.ThrowIfCancellationRequested();
            int rows = Math.Min(StripRows, height - row);
            var rect = new Core.Rasters.PixelRect(0, row, width, rows);
            int n = width * rows;
            dx.Read(rect, buffers[0].AsSpan(0, n));
            dy.Read(rect, buffers[1].AsSpan(0, n));
            tdx.Read(rect, buffers[2].AsSpan(0, n));
            tdy.Read(rect, buffers[3].AsSpan(0, n));
            score.Add(buffers[0].AsSpan(0, n), buffers[1].AsSpan(0, n), buffers[2].AsSpan(0, n), buffers[3].AsSpan(0, n), nowhere.AsSpan(0, n));
        }
        return score;
    }
}
