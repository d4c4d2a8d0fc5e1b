using System.Globalization;
using System.Text;

namespace GeoFlowNetSar.Cli.Sweep;

/// <summary>Writes sweep-&lt;method&gt;.md (a table + the best setting) and sweep-&lt;method&gt;.csv.</summary>
public static class SweepReportWriter
{
    public const string BestPrefix = "**Best setting:**";

    public static readonly string[] CsvHeader =
        ["method", "window", "step", "status", "windows_per_scene", "mae_dx_px", "mae_dy_px", "mean_mae_px", "near_fault_mae_px", "coverage", "seconds_per_megapixel"];

    public static string F(double value, string format = "F4") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    public static string BestLine(SweepRow? best, double minCoverage, double tolerance = SweepRequest.DefaultTolerance) => best is null
        ? $"{BestPrefix} none (no setting ran with at least {100 * minCoverage:0.#} % coverage)."
        : $"{BestPrefix} window {best.Window}, step {best.Step} — mean MAE {F(best.MeanMae)} px " +
          $"(dx {F(best.MaeDx)}, dy {F(best.MaeDy)}), {F(best.SecondsPerMegapixel, "F2")} s/Mpx " +
          $"({SweepGrid.Rule(minCoverage, tolerance)}).";

    public static (string Markdown, string Csv) Write(string folder, SweepRequest request, IReadOnlyList<SweepRow> rows, IReadOnlyList<long> seeds)
    {
        string markdown = Path.Combine(folder, $"sweep-{request.Method}.md");
        string csv = Path.Combine(folder, $"sweep-{request.Method}.csv");
        File.WriteAllText(markdown, Markdown(request, rows, seeds));
        File.WriteAllText(csv, Csv(request, rows));
        return (markdown, csv);
    }

    public static string Markdown(SweepRequest request, IReadOnlyList<SweepRow> rows, IReadOnlyList<long> seeds)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Sweep: {request.Method}");
        text.AppendLine();
        text.AppendLine($"{request.Scenes} FaultDeform-SAR validation scene(s), {request.Size}x{request.Size} px, max |d| = 1 px, " +
                        $"seeds {string.Join(", ", seeds)} (validation range, never trained on); " +
                        $"budget {request.MaxWindows} windows per scene" +
                        (request.BudgetSeconds > 0 ? $" and {SweepRunner.Seconds(request.BudgetSeconds)} s predicted per setting" : "") +
                        (request.Tuning is { } t ? $"; tuning: {Describe(t)}" : "") +
                        "; errors pooled over all scenes' pixels.");
        text.AppendLine();
        text.AppendLine("| window | step | status | windows/scene | MAE dx (px) | MAE dy (px) | mean MAE (px) | near-fault MAE (px) | coverage | s/Mpx |");
        text.AppendLine("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            text.AppendLine($"| {r.Window} | {r.Step} | {r.Status} | {r.WindowsPerScene} | {F(r.MaeDx)} | {F(r.MaeDy)} | {F(r.MeanMae)} | " +
                            $"{F(r.NearFaultMae)} | {(double.IsFinite(r.Coverage) ? (100 * r.Coverage).ToString("F1", CultureInfo.InvariantCulture) + " %" : "n/a")} | " +
                            $"{F(r.SecondsPerMegapixel, "F2")} |");
        text.AppendLine();
        text.AppendLine(BestLine(SweepGrid.Best(rows, request.MinCoverage, request.Tolerance), request.MinCoverage, request.Tolerance));
        return text.ToString();
    }

    /// <summary>The best row as a best-settings entry: its scores, and the sweep that found it (command, scenes, what was skipped).</summary>
    public static Settings.BestSetting BestSetting(SweepRequest request, IReadOnlyList<SweepRow> rows, SweepRow best, IReadOnlyList<long> seeds,
        string command, DateTime startedUtc) =>
        new(request.Method, best.Window, best.Step, best.MaeDx, best.MaeDy, best.NearFaultMae, best.Coverage, best.SecondsPerMegapixel,
            new Settings.SweepProvenance(command, startedUtc, request.Scenes, request.Size, seeds,
                SweepGrid.Rule(request.MinCoverage, request.Tolerance) +
                (request.Tuning is { } t ? $"; tuning: {Describe(t)}" : ""),
                rows.Where(r => !r.Ran).Select(r => $"{r.Window}/{r.Step}: {r.Status}").ToList()));

    private static string Describe(Estimators.CorrelatorTuning tuning) => string.Join(", ", new[]
    {
        tuning.MinCorrelation is { } c ? $"min correlation {c.ToString(CultureInfo.InvariantCulture)}" : null,
        tuning.MinSnr is { } s ? $"min SNR {s.ToString(CultureInfo.InvariantCulture)}" : null,
        tuning.SubPixel is { } p ? $"sub-pixel {p}" : null,
    }.Where(x => x is not null));

    public static string Csv(SweepRequest request, IReadOnlyList<SweepRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', CsvHeader));
        foreach (var r in rows)
            text.AppendLine(string.Join(',',
                request.Method, r.Window.ToString(CultureInfo.InvariantCulture), r.Step.ToString(CultureInfo.InvariantCulture),
                Quote(r.Status), r.WindowsPerScene.ToString(CultureInfo.InvariantCulture),
                G(r.MaeDx), G(r.MaeDy), G(r.MeanMae), G(r.NearFaultMae), G(r.Coverage), G(r.SecondsPerMegapixel)));
        return text.ToString();
    }

    private static string G(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string value) => value.Contains(',') || value.Contains('"') ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
