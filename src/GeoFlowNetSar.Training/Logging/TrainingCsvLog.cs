using System.Globalization;

namespace GeoFlowNetSar.Training.Logging;

/// <summary>One row of the training log.</summary>
public sealed record TrainingLogRow(
    int Step,
    double ElapsedSeconds,
    double LearningRate,
    int CropSize,
    double LossTotal,
    IReadOnlyList<double> LossPerScaleFinestFirst,
    ValidationMetrics? Validation,
    double SamplesPerSecond,
    SceneValidation.SceneValidationMetrics? Scenes = null);

/// <summary>
/// The CSV training log (one row per optimizer step; validation columns empty except on validation steps), appended
/// to on resume. Columns: step, elapsed_s, lr, crop, loss_total, loss_s0 (full resolution) … loss_s4 (1/16),
/// val_mae_dx, val_mae_dy, val_mae_near_fault, val_false_motion, samples_per_s, then the scene validation's
/// scene_mae_dx, scene_mae_dy, scene_near_fault, scene_bar_ratio (empty except on scene-validation steps).
/// </summary>
public sealed class TrainingCsvLog : IDisposable
{
    public const string Header = "step,elapsed_s,lr,crop,loss_total,loss_s0,loss_s1,loss_s2,loss_s3,loss_s4,val_mae_dx,val_mae_dy,val_mae_near_fault,val_false_motion,samples_per_s,scene_mae_dx,scene_mae_dy,scene_near_fault,scene_bar_ratio";

    private readonly StreamWriter _writer;

    public TrainingCsvLog(string path, int? truncateAfterStep = null)
    {
        Path = path;
        if (truncateAfterStep is { } last && File.Exists(path)) DropRowsAfter(path, last);
        if (File.Exists(path)) ExtendOlderHeader(path);
        bool fresh = !File.Exists(path) || new FileInfo(path).Length == 0;
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
        if (fresh) _writer.WriteLine(Header);
    }

    public string Path { get; }

    public void Write(TrainingLogRow row)
    {
        var v = row.Validation;
        var cells = new List<string>
        {
            row.Step.ToString(CultureInfo.InvariantCulture),
            F(row.ElapsedSeconds, "0.###"),
            F(row.LearningRate, "G6"),
            row.CropSize.ToString(CultureInfo.InvariantCulture),
            F(row.LossTotal, "G6"),
        };
        for (int s = 0; s < 5; s++) cells.Add(s < row.LossPerScaleFinestFirst.Count ? F(row.LossPerScaleFinestFirst[s], "G6") : "");
        cells.Add(v is null ? "" : F(v.MaeDx, "G6"));
        cells.Add(v is null ? "" : F(v.MaeDy, "G6"));
        cells.Add(v is null || double.IsNaN(v.MaeNearFault) ? "" : F(v.MaeNearFault, "G6"));
        cells.Add(v is null || double.IsNaN(v.FalseMotion) ? "" : F(v.FalseMotion, "G6"));
        cells.Add(F(row.SamplesPerSecond, "0.##"));
        var scenes = row.Scenes;
        cells.Add(scenes is null ? "" : F(scenes.MaeDx, "G6"));
        cells.Add(scenes is null ? "" : F(scenes.MaeDy, "G6"));
        cells.Add(scenes is null ? "" : F(scenes.NearFaultMae, "G6"));
        cells.Add(scenes is null ? "" : F(scenes.BarRatio, "G6"));
        _writer.WriteLine(string.Join(',', cells));
    }

    /// <summary>Reads (step, column value) pairs of a numeric column, skipping empty cells.</summary>
    public static List<(int Step, double Value)> ReadColumn(string path, string column)
    {
        var result = new List<(int, double)>();
        if (!File.Exists(path)) return result;
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var header = reader.ReadLine()?.Split(',');
        int index = header is null ? -1 : Array.IndexOf(header, column);
        if (index < 0) return result;
        while (reader.ReadLine() is { } line)
        {
            var cells = line.Split(',');
            if (cells.Length > index && int.TryParse(cells[0], CultureInfo.InvariantCulture, out int step)
                && double.TryParse(cells[index], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                result.Add((step, value));
        }
        return result;
    }

    public void Dispose() => _writer.Dispose();

    // A log begun by an older build has a prefix of today's columns: name the new ones, so that the rows appended
    // now are read by name (the older rows just lack those cells).
    private static void ExtendOlderHeader(string path)
    {
        string? first;
        using (var reader = new StreamReader(path)) first = reader.ReadLine();
        if (first is null || first == Header || !Header.StartsWith(first + ",", StringComparison.Ordinal)) return;
        var lines = File.ReadAllLines(path);
        lines[0] = Header;
        File.WriteAllLines(path, lines);
    }

    // A resumed run repeats the steps after its checkpoint: drop their rows so each step appears once.
    private static void DropRowsAfter(string path, int lastStep)
    {
        var lines = File.ReadAllLines(path);
        var kept = lines.Where((line, i) => i == 0 || !int.TryParse(line.Split(',')[0], CultureInfo.InvariantCulture, out int step) || step <= lastStep);
        File.WriteAllLines(path, kept);
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
