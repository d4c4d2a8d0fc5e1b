using ScottPlot;

namespace GeoFlowNetSar.Training.Logging;

/// <summary>The learning curve as a PNG (ScottPlot): log10 of the full-resolution training loss and of the validation MAEs, by step.</summary>
public static class LearningCurvePlot
{
    /// <summary>Renders <paramref name="csvPath"/> into <paramref name="pngPath"/>; returns false (with the reason) if it cannot.</summary>
    public static bool TryWrite(string csvPath, string pngPath, out string? problem)
    {
        try
        {
            var plot = new Plot();
            Add(plot, csvPath, "loss_s0", "train L1 (full res.)", smooth: 20);
            Add(plot, csvPath, "val_mae_dx", "val MAE dx (range)", smooth: 1);
            Add(plot, csvPath, "val_mae_dy", "val MAE dy (azimuth)", smooth: 1);
            Add(plot, csvPath, "val_mae_near_fault", "val MAE near fault", smooth: 1);
            Add(plot, csvPath, "val_false_motion", "val false motion", smooth: 1);
            Add(plot, csvPath, "scene_mae_dx", "scenes MAE dx", smooth: 1);
            Add(plot, csvPath, "scene_mae_dy", "scenes MAE dy", smooth: 1);
            plot.Title("GeoFlowNet-SAR training");
            plot.XLabel("optimizer step");
            plot.YLabel("log10(px)");
            plot.ShowLegend(Edge.Bottom);
            string temp = pngPath + ".tmp.png";
            plot.SavePng(temp, 1000, 600);
            File.Move(temp, pngPath, overwrite: true);
            problem = null;
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or IOException or InvalidOperationException or EntryPointNotFoundException)
        {
            problem = e.Message;
            return false;
        }
    }

    private static void Add(Plot plot, string csvPath, string column, string label, int smooth)
    {
        var points = TrainingCsvLog.ReadColumn(csvPath, column).Where(p => p.Value > 0).ToList();
        if (points.Count == 0) return;
        var xs = new double[points.Count];
        var ys = new double[points.Count];
        double running = 0;
        var window = new Queue<double>();
        for (int i = 0; i < points.Count; i++)
        {
            double log = Math.Log10(points[i].Value);
            window.Enqueue(log);
            running += log;
            if (window.Count > smooth) running -= window.Dequeue();
            xs[i] = points[i].Step;
            ys[i] = running / window.Count;
        }
        var scatter = plot.Add.Scatter(xs, ys);
        scatter.LegendText = label;
        scatter.MarkerSize = smooth > 1 ? 0 : 4;
    }
}
