using System.Text.Encodings.Web;
using System.Text.Json;
using GeoFlowNetSar.Core.Metrics;

namespace GeoFlowNetSar.Cli.Evaluation;

/// <summary>results.json: every setting, scene and per-scene number, and the tables; NaN is written as null.</summary>
public static class EvaluationJson
{
    public static void Write(string path, EvaluationResults results, EvaluationTables tables, MachineDescription machine, string outputRoot)
    {
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("format", "geoflownet-sar-evaluation");
        w.WriteNumber("version", 1);
        w.WriteString("created_utc", results.StartedUtc.ToString("O"));
        w.WriteNumber("elapsed_s", Math.Round(results.Elapsed.TotalSeconds, 1));
        w.WriteString("command", results.CommandLine);
        w.WriteStartObject("machine");
        w.WriteString("os", machine.OperatingSystem);
        w.WriteNumber("cores", machine.Cores);
        w.WriteString("runtime", machine.Runtime);
        w.WriteString("build", machine.Build);
        w.WriteEndObject();
        if (results.Note is not null) w.WriteString("note", results.Note);
        if (results.TimingNote is not null) w.WriteString("timing_note", results.TimingNote);
        w.WriteNumber("near_fault_radius_px", FaultProximity.DefaultRadius);

        w.WriteStartArray("methods");
        foreach (var m in results.Methods)
        {
            w.WriteStartObject();
            w.WriteString("name", m.Name);
            w.WriteString("description", m.Description);
            w.WriteNumber("window", m.Window);
            w.WriteNumber("step", m.Step);
            w.WriteBoolean("available", m.Available);
            w.WriteString("setting_source", m.Origin.Kind);
            w.WriteString("setting_source_text", m.Origin.Text);
            if (m.Origin.Sweep is { } sweep)
            {
                w.WriteStartObject("sweep");
                w.WriteString("command", sweep.Sweep.Command);
                w.WriteString("date_utc", sweep.Sweep.DateUtc.ToString("O"));
                w.WriteNumber("scenes", sweep.Sweep.Scenes);
                w.WriteNumber("size", sweep.Sweep.Size);
                Number(w, "mean_mae", sweep.MeanMae);
                Number(w, "mae_dx", sweep.MaeDx);
                Number(w, "mae_dy", sweep.MaeDy);
                w.WriteEndObject();
            }
            if (m.Unavailable is not null) w.WriteString("unavailable_reason", m.Unavailable);
            if (m.Model is { } model)
            {
                w.WriteStartObject("model");
                w.WriteString("path", model.Path);
                w.WriteString("file_sha256", model.FileSha256);
                w.WriteString("payload_sha256", model.PayloadSha256);
                w.WriteBoolean("shipped", model.Shipped);
                w.WriteStartObject("metadata");
                foreach (var (key, value) in model.Metadata) w.WriteString(key, value);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("scenes");
        foreach (var scene in results.Scenes)
        {
            w.WriteStartObject();
            w.WriteString("name", scene.Scene.Name);
            w.WriteString("role", scene.Scene.Role.ToString().ToLowerInvariant());
            w.WriteString("description", scene.Scene.Description);
            w.WriteNumber("width", scene.Width);
            w.WriteNumber("height", scene.Height);
            w.WriteString("pre", Relative(scene.Scene.Pre, outputRoot));
            w.WriteString("post", Relative(scene.Scene.Post, outputRoot));
            if (scene.Scene.Truth is { } truth) w.WriteString("truth", Relative(truth, outputRoot));
            w.WriteStartArray("runs");
            foreach (var run in scene.Runs)
            {
                w.WriteStartObject();
                w.WriteString("method", run.Method);
                w.WriteString("raster", Relative(run.Raster, outputRoot));
                Number(w, "mae_dx", run.Score?.MaeDx);
                Number(w, "mae_dy", run.Score?.MaeDy);
                Number(w, "near_fault_mae", run.Score?.NearFaultMae);
                Number(w, "far_field_mae", run.Score?.FarFieldMae);
                Number(w, "false_motion", run.FalseMotion);
                Number(w, "coverage", run.Coverage);
                Number(w, "seconds", run.Seconds);
                Number(w, "megapixels", run.Megapixels);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        Accuracy(w, "table1", tables.TableI);
        Accuracy(w, "control_2x_detection", tables.Control);
        w.WriteStartArray("table2");
        foreach (var row in tables.TableII)
        {
            w.WriteStartObject();
            w.WriteString("method", row.Method.Name);
            w.WriteString("setting", row.Method.Setting);
            Number(w, "median_seconds_per_megapixel", row.SecondsPerMegapixel);
            Number(w, "seconds_per_1024x1024", row.Seconds1024);
            Number(w, "paper_seconds_per_1024x1024", row.Paper?.Seconds1024);
            if (row.Paper is { } paper) w.WriteString("paper_hardware", paper.Hardware);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (results.Swath is { } swath)
        {
            w.WriteStartObject("table2_swath");
            w.WriteNumber("width", swath.Width);
            w.WriteNumber("height", swath.Height);
            w.WriteNumber("seed", swath.Seed);
            w.WriteString("description", swath.Description);
            Number(w, "synthesis_seconds", swath.SynthesisSeconds);
            w.WriteStartArray("runs");
            foreach (var run in swath.Runs)
            {
                w.WriteStartObject();
                w.WriteString("method", run.Method);
                w.WriteString("setting", run.Setting);
                w.WriteString("status", run.Skipped ?? "ran");
                Number(w, "predicted_seconds", run.PredictedSeconds);
                Number(w, "wall_seconds", run.WallSeconds);
                Number(w, "pipeline_seconds", run.PipelineSeconds);
                Number(w, "peak_rss_bytes", run.PeakRssBytes);
                w.WriteBoolean("peak_rss_per_method", run.PeakIsPerMethod);
                Number(w, "mae_dx", run.Score?.MaeDx);
                Number(w, "mae_dy", run.Score?.MaeDy);
                Number(w, "coverage", run.Score?.Coverage);
                Number(w, "paper_seconds", PaperFigures.For(run.Method)?.SecondsSwath);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteStartArray("pairwise_differences");
        foreach (var row in tables.Differences)
        {
            w.WriteStartObject();
            w.WriteString("a", row.A);
            w.WriteString("b", row.B);
            Number(w, "mean_abs_diff_dx", row.MeanAbsDx);
            Number(w, "mean_abs_diff_dy", row.MeanAbsDy);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Accuracy(Utf8JsonWriter w, string name, IReadOnlyList<AccuracyRow> rows)
    {
        w.WriteStartArray(name);
        foreach (var row in rows)
        {
            w.WriteStartObject();
            w.WriteString("method", row.Method.Name);
            w.WriteString("setting", row.Method.Setting);
            Number(w, "mae_dx", row.MaeDx);
            Number(w, "mae_dy", row.MaeDy);
            Number(w, "near_fault_mae", row.NearFaultMae);
            Number(w, "far_field_mae", row.FarFieldMae);
            Number(w, "false_motion", row.FalseMotion);
            Number(w, "coverage", row.Coverage);
            Number(w, "paper_mae_range", row.Paper?.MaeRange);
            Number(w, "paper_mae_azimuth", row.Paper?.MaeAzimuth);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    /// <summary>Paths inside the output folder are written relative to it (the folder is renamed when complete).</summary>
    public static string Relative(string path, string outputRoot)
    {
        string full = Path.GetFullPath(path), root = Path.GetFullPath(outputRoot);
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? Path.GetRelativePath(root, full) : path;
    }
}
