using ScottPlot;

namespace GeoFlowNetSar.Cli.Evaluation;

/// <summary>
/// The report's PNGs (ScottPlot): Fig. 5 displacement maps (truth and every method, dx and dy, one symmetric
/// colour scale, diverging palette), Fig. 6 profiles across the fault, and — for pairs without truth — the
/// methods' pairwise difference maps. Each file is written under a temporary name and renamed when complete.
/// </summary>
public static class EvaluationFigures
{
    private const int MaxMapEdge = 256;
    private const int PanelWidth = 360, PanelHeight = 320;

    public static void Maps(FigureScene figure, string path)
    {
        var panels = new List<(string Title, DisplacementRaster Field)>();
        if (figure.Truth is { } truth) panels.Add(("truth", truth));
        panels.AddRange(figure.Estimates.Select(e => (e.Method, e.Estimate)));
        // One scale for every panel: the truth's max |d|, or (no truth) the 99th percentile of |d| over the estimates.
        double limit = figure.Truth is { } t ? MaxAbs(t.Dx, t.Dy) : Percentile(panels.SelectMany(p => p.Field.Dx.Concat(p.Field.Dy)), 0.99);
        if (!(limit > 0)) limit = 1;
        Grid(path, panels.Count, (row, column, plot) =>
            {
                var (title, field) = panels[row];
                HeatmapPanel(plot, column == 0 ? field.Dx : field.Dy, field.Width, field.Height, limit, $"{title} — {(column == 0 ? "dx (range)" : "dy (azimuth)")}", column == 1);
            });
    }

    public static void Differences(FigureScene figure, string path)
    {
        var pairs = Pairs(figure).ToList();
        if (pairs.Count == 0) return;
        var fields = pairs.Select(p => (Title: $"{p.MethodA} − {p.MethodB}", Field: Difference(p.A, p.B))).ToList();
        double limit = Percentile(fields.SelectMany(f => f.Field.Dx.Concat(f.Field.Dy)), 0.99);
        if (!(limit > 0)) limit = 1;
        Grid(path, fields.Count, (row, column, plot) =>
            {
                var (title, field) = fields[row];
                HeatmapPanel(plot, column == 0 ? field.Dx : field.Dy, field.Width, field.Height, limit, $"{title} — {(column == 0 ? "dx" : "dy")}", column == 1);
            });
    }

    public static void Profiles(FigureScene figure, IReadOnlyList<ProfileLine> lines, string path)
    {
        int width = figure.Result.Width, height = figure.Result.Height;
        var colors = new[] { Colors.C0, Colors.C1, Colors.C2, Colors.C3, Colors.C4, Colors.C5, Colors.C6 };
        Grid(path, lines.Count, (row, column, plot) =>
            {
                var line = lines[row];
                var samples = line.Samples(width, height);
                double[] xs = samples.Select(s => s.Distance).ToArray();
                if (figure.Truth is { } truth)
                {
                    var values = column == 0 ? truth.Dx : truth.Dy;
                    var scatter = plot.Add.ScatterLine(xs, samples.Select(s => (double)values[s.Index]).ToArray());
                    scatter.LegendText = "truth";
                    scatter.Color = Colors.Black;
                    scatter.LineWidth = 3;
                }
                for (int m = 0; m < figure.Estimates.Count; m++)
                {
                    var (method, estimate) = figure.Estimates[m];
                    var values = column == 0 ? estimate.Dx : estimate.Dy;
                    var scatter = plot.Add.ScatterLine(xs, samples.Select(s => (double)values[s.Index]).ToArray());
                    scatter.LegendText = method;
                    scatter.Color = colors[m % colors.Length];
                    scatter.LineWidth = 1.5f;
                }
                var (x0, y0) = line.Start;
                var (x1, y1) = line.End;
                plot.Title($"profile {row + 1} {(column == 0 ? "dx" : "dy")}: ({x0:0},{y0:0}) → ({x1:0},{y1:0})", size: 12);
                plot.XLabel(line.AcrossRupture ? "distance from the rupture (px)" : "column − centre (px)", size: 11);
                plot.YLabel("px", size: 11);
                // One legend for the whole figure, in the first panel.
                plot.Legend.IsVisible = row == 0 && column == 0;
                plot.Legend.FontSize = 10;
            });
    }

    /// <summary>Every pair of the figure scene's estimates, in method order.</summary>
    public static IEnumerable<(string MethodA, string MethodB, DisplacementRaster A, DisplacementRaster B)> Pairs(FigureScene figure)
    {
        for (int i = 0; i < figure.Estimates.Count; i++)
            for (int j = i + 1; j < figure.Estimates.Count; j++)
                yield return (figure.Estimates[i].Method, figure.Estimates[j].Method, figure.Estimates[i].Estimate, figure.Estimates[j].Estimate);
    }

    public static DisplacementRaster Difference(DisplacementRaster a, DisplacementRaster b)
    {
        var dx = new float[a.Dx.Length];
        var dy = new float[a.Dy.Length];
        for (int i = 0; i < dx.Length; i++)
        {
            dx[i] = a.Dx[i] - b.Dx[i];
            dy[i] = a.Dy[i] - b.Dy[i];
        }
        return new DisplacementRaster(a.Width, a.Height, dx, dy);
    }

    private static void Grid(string path, int rows, Action<int, int, Plot> draw)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(rows * 2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, 2);
        for (int row = 0; row < rows; row++)
            for (int column = 0; column < 2; column++)
                draw(row, column, multiplot.GetPlot(row * 2 + column));
        string temporary = path + ".partial.png";
        multiplot.SavePng(temporary, 2 * PanelWidth, rows * PanelHeight);
        File.Move(temporary, path, overwrite: true);
    }

    private static void HeatmapPanel(Plot plot, float[] values, int width, int height, double limit, string title, bool colorBar)
    {
        var heatmap = plot.Add.Heatmap(BlockMean(values, width, height, MaxMapEdge));
        heatmap.Colormap = new ScottPlot.Colormaps.Balance();
        heatmap.ManualRange = new ScottPlot.Range(-limit, limit);
        heatmap.NaNCellColor = Colors.LightGray;
        if (colorBar) plot.Add.ColorBar(heatmap).Label = "px";
        // With the y axis inverted (rows growing downwards), ScottPlot draws data row 0 at the top, as in the image.
        plot.Axes.InvertY();
        plot.Title(title, size: 12);
        int factor = Factor(width, height, MaxMapEdge);
        plot.Axes.Bottom.Label.Text = factor == 1 ? "column" : $"column / {factor}";
        plot.Axes.Left.Label.Text = factor == 1 ? "row" : $"row / {factor}";
    }

    private static int Factor(int width, int height, int maxEdge) => Math.Max(1, (int)Math.Ceiling(Math.Max(width, height) / (double)maxEdge));

    /// <summary>Block means (NaN ignored; NaN where a block has no finite value), at most <paramref name="maxEdge"/> per side.</summary>
    private static double[,] BlockMean(float[] values, int width, int height, int maxEdge)
    {
        int factor = Factor(width, height, maxEdge);
        int w = (width + factor - 1) / factor, h = (height + factor - 1) / factor;
        var sums = new double[h, w];
        var counts = new int[h, w];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                float v = values[y * width + x];
                if (!float.IsFinite(v)) continue;
                sums[y / factor, x / factor] += v;
                counts[y / factor, x / factor]++;
            }
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                sums[y, x] = counts[y, x] > 0 ? sums[y, x] / counts[y, x] : double.NaN;
        return sums;
    }

    private static double MaxAbs(float[] a, float[] b)
    {
        double max = 0;
        foreach (float v in a) if (float.IsFinite(v)) max = Math.Max(max, Math.Abs(v));
        foreach (float v in b) if (float.IsFinite(v)) max = Math.Max(max, Math.Abs(v));
        return max;
    }

    private static double Percentile(IEnumerable<float> values, double q)
    {
        var finite = values.Where(float.IsFinite).Select(v => Math.Abs((double)v)).ToArray();
        if (finite.Length == 0) return double.NaN;
        Array.Sort(finite);
        return finite[(int)Math.Round(q * (finite.Length - 1))];
    }
}
