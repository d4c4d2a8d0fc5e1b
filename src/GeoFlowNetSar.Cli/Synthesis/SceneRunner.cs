using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GeoFlowNetSar.Raster.Writing;
using GeoFlowNetSar.Synthesis.Scenes;
using GeoFlowNetSar.Synthesis.Simulation;

namespace GeoFlowNetSar.Cli.Synthesis;

/// <summary>What `geoflownet synth scene` was asked for.</summary>
public sealed record SceneRequest(string Output, int Width, int Height, long Seed, FaultDeformOptions Options,
    bool QuickLook, int BandRows, int Threads);

/// <summary>What was written, for the summary.</summary>
public sealed record SceneResult(string Folder, int Width, int Height, double MaxDisplacement, bool SurfaceRupture,
    string Mechanism, TimeSpan Elapsed, TimeSpan PlanElapsed);

/// <summary>
/// Streams a FaultDeform-SAR scene into pre.tif, post.tif (band "amplitude") and truth.tif (bands dx, dy; NaN nodata):
/// plan (draws + scan for the global scale), then blocks of <c>Threads</c> bands rendered in parallel and written in
/// row order, so memory stays ≈ Threads × band size whatever the scene size. Also scene.json (parameters, fault trace in
/// pixels) and, when asked, quicklook.png. No georeferencing: radar geometry like an SLC; metres need
/// `estimate --units m --range-spacing 2.33 --azimuth-spacing 13.9` (the spacings are in scene.json).
/// </summary>
public static class SceneRunner
{
    public static SceneResult Run(SceneRequest request, Action<long, long> progress, CancellationToken token)
    {
        var clock = Stopwatch.StartNew();
        using var folder = OutputFolder.Create(request.Output);
        var scene = FaultDeformScene.Plan(request.Width, request.Height, request.Seed, request.Options, request.Threads, token);
        var planElapsed = clock.Elapsed;
        var bands = scene.Bands(request.BandRows).ToList();
        progress(0, bands.Count);

        using (var pre = new GeoTiffDisplacementSink(folder.File("pre.tif"), scene.Width, scene.Height, ["amplitude"]))
        using (var post = new GeoTiffDisplacementSink(folder.File("post.tif"), scene.Width, scene.Height, ["amplitude"]))
        using (var truth = new GeoTiffDisplacementSink(folder.File("truth.tif"), scene.Width, scene.Height, ["dx", "dy"]))
        {
            var quickLook = request.QuickLook ? new SceneQuickLook(scene.Width, scene.Height) : null;
            int threads = Math.Max(1, request.Threads);
            var rendered = new SceneBand[threads];
            for (int start = 0; start < bands.Count; start += threads)
            {
                token.ThrowIfCancellationRequested();
                int n = Math.Min(threads, bands.Count - start);
                Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = token },
                    k => rendered[k] = scene.Render(bands[start + k].Row0, bands[start + k].Rows));
                for (int k = 0; k < n; k++)
                {
                    var band = rendered[k];
                    pre.WriteStrip(0, band.Row0, band.Rows, band.Pre);
                    post.WriteStrip(0, band.Row0, band.Rows, band.Post);
                    truth.WriteStrip(0, band.Row0, band.Rows, band.Dx);
                    truth.WriteStrip(1, band.Row0, band.Rows, band.Dy);
                    quickLook?.Add(band);
                    rendered[k] = null!;
                }
                progress(start + n, bands.Count);
            }
            pre.Complete();
            post.Complete();
            truth.Complete();

            if (quickLook is not null)
            {
                var p = scene.Parameters;
                string fault = scene.Fault is { } f
                    ? $"{f.Mechanism}, {(f.SurfaceRupture ? "surface rupture" : $"buried {f.TopDepth / 1000:0.#} km")}"
                    : "no deformation";
                QuickLookPng.Write(folder.File("quicklook.png"), quickLook.Render(),
                    $"FaultDeform-SAR scene {scene.Width}x{scene.Height} (columns x rows), seed {scene.Seed}\n" +
                    $"{fault}, max |d| {scene.MaxDisplacement:0.###} px, {p["orbit"]}, coherence {double.Parse(p["coherence"], CultureInfo.InvariantCulture):0.00}");
            }
        }
        File.WriteAllBytes(folder.File("scene.json"), Describe(scene, request));
        folder.Commit();
        return new SceneResult(folder.FinalPath, scene.Width, scene.Height, scene.MaxDisplacement, scene.Fault?.SurfaceRupture ?? false,
            scene.Fault?.Mechanism.ToString() ?? "none", clock.Elapsed, planElapsed);
    }

    private static byte[] Describe(FaultDeformScene scene, SceneRequest request)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", "geoflownet-sar-scene");
            w.WriteNumber("version", 1);
            w.WriteNumber("width", scene.Width);
            w.WriteNumber("height", scene.Height);
            w.WriteNumber("seed", scene.Seed);
            w.WriteStartObject("files");
            w.WriteString("pre", "pre.tif");
            w.WriteString("post", "post.tif");
            w.WriteString("truth", "truth.tif");
            if (request.QuickLook) w.WriteString("quicklook", "quicklook.png");
            w.WriteEndObject();
            w.WriteString("convention", "truth bands dx (range, columns) and dy (azimuth, rows) in pixels; a feature at p in PRE is at p + d(p) in POST");
            w.WriteString("georeferencing", "none (radar geometry); for metres use the pixel spacings below, e.g. estimate --units m --range-spacing R --azimuth-spacing A");
            w.WriteStartObject("pixel_spacing_m");
            w.WriteNumber("range", scene.Options.RangeSpacing);
            w.WriteNumber("azimuth", scene.Options.AzimuthSpacing);
            w.WriteEndObject();
            w.WriteNumber("max_abs_displacement_px", scene.MaxDisplacement);
            w.WriteNumber("band_rows", request.BandRows);
            w.WriteString("options", scene.Options.ToString());
            w.WriteStartObject("parameters");
            foreach (var (key, value) in scene.Parameters) w.WriteString(key, value);
            w.WriteEndObject();
            if (scene.Fault is { } fault)
            {
                w.WriteStartArray("fault_trace_px");
                foreach (var point in fault.Trace)
                {
                    var (x, y) = scene.Frame.ToPixel(point.East, point.North);
                    w.WriteStartArray();
                    w.WriteNumberValue(Math.Round(x, 2));
                    w.WriteNumberValue(Math.Round(y, 2));
                    w.WriteEndArray();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return stream.ToArray();
    }
}
