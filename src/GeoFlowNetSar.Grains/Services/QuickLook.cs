using GeoFlowNetSar.Core.Rasters;

namespace GeoFlowNetSar.Grains.Services;

/// <summary>
/// Passes the mosaic through to the real sink while keeping a small block-averaged copy of dx and dy (NaN ignored), so
/// the quick-look needs no second pass over a swath that may not fit in memory.
/// </summary>
public sealed class QuickLookSink : IDisplacementSink
{
    private readonly IDisplacementSink _inner;
    private readonly double[][] _sums;
    private readonly int[][] _counts;

    public QuickLookSink(IDisplacementSink inner, int maxSize)
    {
        _inner = inner;
        Factor = Math.Max(1, (int)Math.Ceiling(Math.Max(inner.Width, inner.Height) / (double)Math.Max(16, maxSize)));
        PreviewWidth = (inner.Width + Factor - 1) / Factor;
        PreviewHeight = (inner.Height + Factor - 1) / Factor;
        _sums = [new double[PreviewWidth * PreviewHeight], new double[PreviewWidth * PreviewHeight]];
        _counts = [new int[PreviewWidth * PreviewHeight], new int[PreviewWidth * PreviewHeight]];
    }

    public int Factor { get; }
    public int PreviewWidth { get; }
    public int PreviewHeight { get; }
    public int Width => _inner.Width;
    public int Height => _inner.Height;
    public IReadOnlyList<string> Bands => _inner.Bands;

    public void WriteStrip(int band, int row0, int rowCount, ReadOnlySpan<float> values)
    {
        _inner.WriteStrip(band, row0, rowCount, values);
        if (band > 1) return;
        var sums = _sums[band];
        var counts = _counts[band];
        for (int r = 0; r < rowCount; r++)
        {
            int previewRow = (row0 + r) / Factor * PreviewWidth;
            var row = values.Slice(r * Width, Width);
            for (int x = 0; x < Width; x++)
            {
                float v = row[x];
                if (!float.IsFinite(v)) continue;
                sums[previewRow + x / Factor] += v;
                counts[previewRow + x / Factor]++;
            }
        }
    }

    public void Complete() => _inner.Complete();

    public void Dispose() => _inner.Dispose();

    /// <summary>Block means of band 0 (dx) or 1 (dy), [row, column]; NaN where a block had no finite value.</summary>
    public double[,] Preview(int band)
    {
        var preview = new double[PreviewHeight, PreviewWidth];
        for (int y = 0; y < PreviewHeight; y++)
            for (int x = 0; x < PreviewWidth; x++)
            {
                int i = y * PreviewWidth + x;
                preview[y, x] = _counts[band][i] > 0 ? _sums[band][i] / _counts[band][i] : double.NaN;
            }
        return preview;
    }
}

/// <summary>Renders dx and dy side by side as one heatmap PNG (ScottPlot), one colour scale for both.</summary>
public static class QuickLookRenderer
{
    public static void Render(QuickLookSink preview, string units, string title, string path)
    {
        var dx = preview.Preview(0);
        var dy = preview.Preview(1);
        int h = preview.PreviewHeight, w = preview.PreviewWidth, gap = Math.Max(2, w / 20);
        // With the y axis inverted (row numbers growing downwards), ScottPlot draws data row 0 at the top, as in the image.
        var both = new double[h, 2 * w + gap];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                both[y, x] = dx[y, x];
                both[y, w + gap + x] = dy[y, x];
            }
            for (int x = w; x < w + gap; x++) both[y, x] = double.NaN;
        }

        var plot = new ScottPlot.Plot();
        var heatmap = plot.Add.Heatmap(both);
        heatmap.Colormap = new ScottPlot.Colormaps.Turbo();
        plot.Add.ColorBar(heatmap).Label = units;
        plot.Title($"{title}: dx (left), dy (right)");
        plot.Axes.InvertY();
        string scale = preview.Factor == 1 ? "" : $" / {preview.Factor}";
        plot.Axes.Left.Label.Text = $"rows{scale}";
        plot.Axes.Bottom.Label.Text = $"columns{scale}";
        int width = Math.Clamp(2 * w + gap + 200, 480, 2400), height = Math.Clamp(h + 160, 320, 1400);
        plot.SavePng(path, width, height);
    }
}
