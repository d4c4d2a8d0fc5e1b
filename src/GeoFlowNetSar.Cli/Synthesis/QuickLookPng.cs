using System.Globalization;
using System.Runtime.InteropServices;
using GeoFlowNetSar.Synthesis.Scenes;
using SkiaSharp;

namespace GeoFlowNetSar.Cli.Synthesis;

/// <summary>
/// quicklook.png: a 2×2 panel — PRE | POST (dB, same stretch) over dx | dy (diverging colour map, each symmetric ±its
/// max |value|, white = 0) — with titles and colour bars, drawn with SkiaSharp. Small scenes are enlarged (nearest
/// neighbour) for viewing.
/// </summary>
public static class QuickLookPng
{

    /// <param name="caption">Up to two lines (separated by a newline).</param>
    public static void Write(string path, QuickLookPanels panels, string caption)
    {
        int zoom = Math.Max(1, 512 / Math.Max(panels.Width, panels.Height));
        int pw = panels.Width * zoom, ph = panels.Height * zoom;
        // Text and spacing grow with the panels so the labels stay legible when the image is viewed scaled down.
        float textSize = Math.Clamp(Math.Max(pw, ph) / 40f, 13, 26);
        int Gap = (int)textSize, Title = (int)(textSize * 1.7f), BarHeight = (int)textSize, BarLabels = (int)(textSize * 1.4f);
        int width = 2 * pw + 3 * Gap;
        int top = 2 * Title;
        int height = top + 2 * (Title + ph) + Gap + BarHeight + BarLabels + Gap;
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("SkiaSharp could not create a drawing surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var typeface = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;
        using var font = new SKFont(typeface, textSize);
        using var small = new SKFont(typeface, textSize * 0.85f);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };

        var lines = caption.Split('\n');
        for (int i = 0; i < Math.Min(2, lines.Length); i++) canvas.DrawText(lines[i], Gap, (i + 1) * Title - Title / 3f, SKTextAlign.Left, font, ink);
        string db = $"{panels.AmplitudeLowDb:F0}…{panels.AmplitudeHighDb:F0} dB";
        string factor = panels.Factor > 1 ? $", {panels.Factor}×{panels.Factor} looks" : "";
        var tiles = new (byte[] Rgba, string Label)[]
        {
            (panels.Pre, $"PRE amplitude ({db}{factor})"), (panels.Post, $"POST amplitude ({db})"),
            (panels.Dx, $"dx (range, columns), ±{L(panels.DxLimit)}"), (panels.Dy, $"dy (azimuth, rows), ±{L(panels.DyLimit)}"),
        };
        for (int t = 0; t < 4; t++)
        {
            int x = Gap + (t % 2) * (pw + Gap), y = top + (t / 2) * (Title + ph);
            canvas.DrawText(tiles[t].Label, x, y + Title - Title / 3.5f, SKTextAlign.Left, font, ink);
            using var image = Image(tiles[t].Rgba, panels.Width, panels.Height);
            canvas.DrawImage(image, SKRect.Create(x, y + Title, pw, ph), new SKSamplingOptions(SKFilterMode.Nearest), null);
        }

        // A colour bar under each displacement panel: −limit … 0 … +limit.
        int barY = top + 2 * (Title + ph) + Gap;
        using var bar = new SKPaint();
        float labelY = barY + BarHeight + BarLabels - BarLabels / 4f;
        for (int c = 0; c < 2; c++)
        {
            double limit = c == 0 ? panels.DxLimit : panels.DyLimit;
            int barX = Gap + c * (pw + Gap);
            for (int i = 0; i < pw; i++)
            {
                var (r, g, b) = SceneQuickLook.DivergingColour((2.0 * i / Math.Max(1, pw - 1) - 1) * limit, limit);
                bar.Color = new SKColor(r, g, b);
                canvas.DrawRect(barX + i, barY, 1, BarHeight, bar);
            }
            canvas.DrawText(L(-limit), barX, labelY, SKTextAlign.Left, small, ink);
            canvas.DrawText("0", barX + pw / 2f, labelY, SKTextAlign.Center, small, ink);
            canvas.DrawText(L(limit), barX + pw, labelY, SKTextAlign.Right, small, ink);
        }

        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("SkiaSharp could not encode the quick-look as PNG.");
        using var file = File.Create(path);
        png.SaveTo(file);
    }

    private static string L(double v) => v.ToString("0.###", CultureInfo.InvariantCulture) + " px";

    private static SKImage Image(byte[] rgba, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            using var pixmap = new SKPixmap(info, handle.AddrOfPinnedObject(), width * 4);
            return SKImage.FromPixelCopy(pixmap) ?? throw new InvalidOperationException("SkiaSharp could not copy the panel.");
        }
        finally
        {
            handle.Free();
        }
    }
}
