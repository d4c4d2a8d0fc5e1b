using GeoFlowNetSar.Core.Rasters;

namespace GeoFlowNetSar.Core.Tiling;

/// <summary>The 2-D window grid of a scene: the product of a column grid and a row grid.</summary>
public sealed class WindowGrid
{
    public WindowGrid(int width, int height, int window, int step)
    {
        Columns = new AxisGrid(width, window, step);
        Rows = new AxisGrid(height, window, step);
    }

    public AxisGrid Columns { get; }
    public AxisGrid Rows { get; }
    public int Window => Columns.Window;
    public int Step => Columns.Step;
    public int Width => Columns.Length;
    public int Height => Rows.Length;
    public long Count => (long)Columns.Count * Rows.Count;

    public PixelRect WindowRect(int column, int row) =>
        new(Columns.Origins[column], Rows.Origins[row], Window, Window);

    public PixelRect InterpolationSupport(int column, int row)
    {
        var (x0, x1) = Columns.InterpolationSupport(column);
        var (y0, y1) = Rows.InterpolationSupport(row);
        return PixelRect.FromBounds(x0, y0, x1, y1);
    }
}
