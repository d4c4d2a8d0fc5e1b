using System.Text;
using GeoFlowNetSar.Core.Metrics;

namespace GeoFlowNetSar.Cli.Evaluation;

/// <summary>report.md: the paper's Section IV for this build — methods, scenes, Table I, controls, per-scene errors, Fig. 5, Fig. 6, Table II.</summary>
public static class EvaluationMarkdown
{
    public const string MapsFile = "fig5-maps.png";
    public const string ProfilesFile = "fig6-profiles.png";
    public const string DifferencesFile = "differences.png";

    public static string Build(EvaluationResults results, EvaluationTables tables, MachineDescription machine, FigureScene figure,
        IReadOnlyList<ProfileLine> profiles, bool differencesWritten)
    {
        var t = new StringBuilder();
        t.AppendLine("# GeoFlowNet-SAR evaluation");
        t.AppendLine();
        t.AppendLine($"Generated {results.StartedUtc:yyyy-MM-dd HH:mm} UTC by `{results.CommandLine}` in {results.Elapsed.TotalMinutes:F1} min.");
        t.AppendLine($"Machine: {machine}.");
        t.AppendLine();
        if (results.Note is not null)
        {
            t.AppendLine($"**Note:** {results.Note}");
            t.AppendLine();
        }
        t.AppendLine("Every method runs through `geoflownet estimate`'s own code (GDAL in, the shared tiling/stitching pipeline, GeoTIFF out); " +
                     "the errors are recomputed from the written displacement GeoTIFFs. Errors are pooled over every pixel of the scored scenes " +
                     $"(Σ|error| / count, not a mean of scene means). Near-fault: within {FaultProximity.DefaultRadius} px of the rupture, found from the " +
                     $"true field (a 3×3 neighbourhood spanning more than {FaultProximity.RelativeJump:0.##} × max |d|); far-field: every other pixel; " +
                     "near- and far-field MAE pool dx and dy. False motion: mean |d| = mean √(dx² + dy²) on the pair without deformation. " +
                     "Coverage: pixels with a finite dx and dy. All values in pixels.");
        t.AppendLine();

        t.AppendLine("## Methods");
        t.AppendLine();
        t.AppendLine("| method | window/step | setting from | status |");
        t.AppendLine("|---|---|---|---|");
        foreach (var m in results.Methods)
        {
            string status = m.Available ? "ran" : $"**not available**: {m.Unavailable}";
            if (m.Model is { } model)
                status += $"; weights `{model.Path}` (file sha256 `{model.FileSha256}`, {(model.Kind is null ? "" : model.Kind + " ")}training step {model.Step ?? "unknown"}" +
                          $"{(model.PlannedSteps is { } planned ? $" of {planned} planned" : "")}{(model.Shipped ? "" : "; not the shipped weights")})";
            t.AppendLine($"| {m.Name} ({Cell(m.Description)}) | {m.Setting} | {Cell(m.Origin.Text)} | {Cell(status)} |");
        }
        t.AppendLine();

        t.AppendLine("## Scenes");
        t.AppendLine();
        t.AppendLine("| scene | role | description |");
        t.AppendLine("|---|---|---|");
        foreach (var s in results.Scenes)
            t.AppendLine($"| {Cell(s.Scene.Name)} | {RoleText(s.Scene.Role)} | {Cell(s.Scene.Description)} |");
        t.AppendLine();

        if (tables.TableI.Count > 0)
        {
            int scored = results.Scenes.Count(s => s.Scene.Role == SceneRole.Scored);
            t.AppendLine($"## Table I — accuracy ({scored} scored scene(s), pooled)");
            t.AppendLine();
            t.AppendLine("| method | window/step | MAE dx (range) | MAE dy (azimuth) | near-fault MAE | far-field MAE | false motion | coverage | paper MAE range / azimuth (theirs) |");
            t.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in tables.TableI)
                t.AppendLine($"| {r.Method.Name} | {r.Method.Setting} | {Format.Px(r.MaeDx)} | {Format.Px(r.MaeDy)} | {Format.Px(r.NearFaultMae)} | " +
                             $"{Format.Px(r.FarFieldMae)} | {Format.Px(r.FalseMotion)} | {Format.Percent(r.Coverage)} | {Paper(r.Paper)} |");
            t.AppendLine();
            t.AppendLine("MAE is taken over the pixels a method estimated; a method with lower coverage is scored on fewer pixels (see its coverage).");
            t.AppendLine();
            t.AppendLine("The paper's column is theirs (Wang et al. 2025, Table I: their 1024×1024 FaultDeform-SAR test set, their settings " +
                         "and trained model); it is context, not a like-for-like comparison.");
            t.AppendLine();
        }
        if (tables.Control.Count > 0)
        {
            t.AppendLine("## Control: 2×-oversampled detection");
            t.AppendLine();
            t.AppendLine("The first scored scene again (same seed and coherence), detected on a 2×-oversampled grid (less aliased amplitude) instead of native single-look amplitude: how much each method depends on the detection model.");
            t.AppendLine();
            t.AppendLine("| method | window/step | MAE dx | MAE dy | near-fault MAE | far-field MAE | coverage |");
            t.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var r in tables.Control)
                t.AppendLine($"| {r.Method.Name} | {r.Method.Setting} | {Format.Px(r.MaeDx)} | {Format.Px(r.MaeDy)} | {Format.Px(r.NearFaultMae)} | {Format.Px(r.FarFieldMae)} | {Format.Percent(r.Coverage)} |");
            t.AppendLine();
        }

        t.AppendLine("## Per scene");
        t.AppendLine();
        t.AppendLine("| scene | method | MAE dx | MAE dy | near-fault MAE | far-field MAE | false motion | coverage | time (s) |");
        t.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in results.Scenes)
            foreach (var r in s.Runs)
                t.AppendLine($"| {s.Scene.Name} | {r.Method} | {Format.Px(r.Score?.MaeDx ?? double.NaN)} | {Format.Px(r.Score?.MaeDy ?? double.NaN)} | " +
                             $"{Format.Px(r.Score?.NearFaultMae ?? double.NaN)} | {Format.Px(r.Score?.FarFieldMae ?? double.NaN)} | {Format.Px(r.FalseMotion)} | " +
                             $"{Format.Percent(r.Coverage)} | {Format.F(r.Seconds, "F1")} |");
        t.AppendLine();

        t.AppendLine($"## Fig. 5 — displacement maps ({figure.Result.Scene.Name})");
        t.AppendLine();
        t.AppendLine($"{(figure.Truth is null ? "Every method" : "Truth and every method")}, dx (range, left) and dy (azimuth, right), one symmetric colour scale set by {(figure.Truth is null ? "the 99th percentile of the estimates' |d|" : "the truth's max |d|")} (diverging: blue negative, red positive); grey = no estimate.");
        t.AppendLine();
        t.AppendLine($"![Fig. 5]({MapsFile})");
        t.AppendLine();
        t.AppendLine($"## Fig. 6 — profiles ({figure.Result.Scene.Name})");
        t.AppendLine();
        t.AppendLine(profiles[0].AcrossRupture
            ? "Three lines across the rupture (normal to its principal direction, through rupture pixels at the 20th, 50th and 80th percentile along it); every method over the truth (black)."
            : "No rupture known (no truth, or none in it): three rows at ¼, ½ and ¾ of the height.");
        t.AppendLine();
        for (int i = 0; i < profiles.Count; i++)
        {
            var (x0, y0) = profiles[i].Start;
            var (x1, y1) = profiles[i].End;
            t.AppendLine($"- profile {i + 1}: (column, row) ({x0:0}, {y0:0}) → ({x1:0}, {y1:0})");
        }
        t.AppendLine();
        t.AppendLine($"![Fig. 6]({ProfilesFile})");
        t.AppendLine();
        if (tables.Differences.Count > 0)
        {
            t.AppendLine($"## Pairwise differences ({figure.Result.Scene.Name}, no truth)");
            t.AppendLine();
            t.AppendLine("| method A | method B | mean \\|A − B\\| dx | mean \\|A − B\\| dy |");
            t.AppendLine("|---|---|---:|---:|");
            foreach (var d in tables.Differences)
                t.AppendLine($"| {d.A} | {d.B} | {Format.Px(d.MeanAbsDx)} | {Format.Px(d.MeanAbsDy)} |");
            t.AppendLine();
            if (differencesWritten)
            {
                t.AppendLine($"![pairwise differences]({DifferencesFile})");
                t.AppendLine();
            }
        }

        t.AppendLine("## Table II — runtime");
        t.AppendLine();
        t.AppendLine($"Ours: wall time of the pipeline per scene (reading, windows, stitching, GeoTIFF writing; model loading excluded), median over the {results.Scenes.Count} scene(s) " +
                     $"in seconds per megapixel, scaled to 1024×1024, on this machine ({machine.Cores} cores, CPU only). " +
                     "Paper: their figures, on their hardware (V100 GPU for GeoFlowNet-SAR, a 16-core CPU for the correlators) — not ours.");
        if (results.TimingNote is not null)
        {
            t.AppendLine();
            t.AppendLine($"**Note on these timings:** {results.TimingNote}");
        }
        t.AppendLine();
        t.AppendLine($"| method | window/step | ours: s per 1024² ({machine.Cores} cores) | ours: s/Mpx | paper: s per 1024² (theirs) | paper hardware |");
        t.AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var r in tables.TableII)
            t.AppendLine($"| {r.Method.Name} | {r.Method.Setting} | {Format.F(r.Seconds1024, "F1")} | {Format.F(r.SecondsPerMegapixel, "F2")} | " +
                         $"{(r.Paper?.Seconds1024 is { } s ? Format.F(s, "F2") : "–")} | {r.Paper?.Hardware ?? "–"} |");
        t.AppendLine();
        if (results.Swath is { } swath) Swath(t, swath, machine);
        else t.AppendLine("The 9514×24418 swath case was not run (`--swath` adds it).");
        return t.ToString();
    }

    private static void Swath(StringBuilder t, SwathResult swath, MachineDescription machine)
    {
        t.AppendLine($"### Table II — swath {swath.Width}×{swath.Height} (width × height, {swath.Megapixels:F1} Mpx)");
        t.AppendLine();
        t.AppendLine($"{swath.Description}; synthesised streamed (like `synth scene`) in {swath.SynthesisSeconds:F0} s, then every method through " +
                     "`estimate`'s code (chunked pipeline, GeoTIFF out). Wall: the whole estimate call (opening the rasters, building the estimator " +
                     "and loading the model, the pipeline, the GeoTIFF); pipeline: as in the 1024² table. Peak RSS: the process's peak resident memory " +
                     "while the method ran (the count is restarted before each method). Predicted: the method's s/Mpx above × the swath's megapixels; " +
                     "a method predicted over the budget is skipped. MAE dx / dy: every swath pixel, read strip by strip from the written GeoTIFF " +
                     "(near-fault MAE needs the whole truth at once and is not computed on the swath). " +
                     $"Ours on this machine ({machine.Cores} cores, CPU only); paper: their figures on their hardware.");
        t.AppendLine();
        t.AppendLine($"| method | window/step | predicted (s) | ours: wall (s) | ours: pipeline (s) | peak RSS (MiB) | MAE dx | MAE dy | coverage | paper: s (theirs) | paper hardware | status |");
        t.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var r in swath.Runs)
        {
            var paper = PaperFigures.For(r.Method);
            string peak = r.PeakRssBytes is { } bytes ? $"{bytes / 1048576.0:F0}{(r.PeakIsPerMethod ? "" : " (process peak so far)")}" : "n/a";
            t.AppendLine($"| {r.Method} | {r.Setting} | {Format.F(r.PredictedSeconds, "F0")} | {Format.F(r.WallSeconds, "F1")} | {Format.F(r.PipelineSeconds, "F1")} | " +
                         $"{(r.Ran ? peak : "–")} | {Format.Px(r.Score?.MaeDx ?? double.NaN)} | {Format.Px(r.Score?.MaeDy ?? double.NaN)} | " +
                         $"{Format.Percent(r.Score?.Coverage ?? double.NaN)} | {(paper?.SecondsSwath is { } s ? Format.F(s, "F2") : "–")} | {paper?.Hardware ?? "–"} | " +
                         $"{Cell(r.Skipped ?? "ran")} |");
        }
        t.AppendLine();
    }

    private static string Paper(PaperFigures.Row? paper) =>
        paper is null ? "–" : $"{Format.Px(paper.MaeRange)} / {Format.Px(paper.MaeAzimuth)} ({paper.Setting})";

    /// <summary>A table cell: a literal '|' would end it.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|");

    private static string RoleText(SceneRole role) => role switch
    {
        SceneRole.Scored => "scored",
        SceneRole.Still => "no deformation (false motion)",
        SceneRole.Control => "control (2× detection)",
        _ => "no truth",
    };
}
