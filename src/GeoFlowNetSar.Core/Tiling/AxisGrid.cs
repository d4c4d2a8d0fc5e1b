namespace GeoFlowNetSar.Core.Tiling;

/// <summary>
/// Window origins along one image axis: 0, step, 2·step, … and, when the last regular window stops short
/// of the edge, one more window clamped to end exactly at the edge (DESIGN.md: edge windows are clamped
/// inside the image, so every pixel is covered and no window reads outside it).
/// </summary>
public sealed class AxisGrid
{
    private readonly int[] _origins;

    public AxisGrid(int length, int window, int step)
    {
        if (window < 1) throw new ArgumentOutOfRangeException(nameof(window), $"The window must be at least 1 pixel (got {window}).");
        if (step < 1) throw new ArgumentOutOfRangeException(nameof(step), $"The step must be at least 1 pixel (got {step}).");
        if (window > length) throw new ArgumentOutOfRangeException(nameof(window), $"The window ({window} px) is larger than the image ({length} px).");
        Length = length;
        Window = window;
        Step = step;
        int regular = (length - window) / step + 1;
        bool clamped = (regular - 1) * step + window < length;
        _origins = new int[regular + (clamped ? 1 : 0)];
        for (int k = 0; k < regular; k++) _origins[k] = k * step;
        if (clamped) _origins[^1] = length - window;
    }

    public int Length { get; }
    public int Window { get; }
    public int Step { get; }
    public int Count => _origins.Length;
    public ReadOnlySpan<int> Origins => _origins;

    /// <summary>The window centre in continuous pixel coordinates (pixel k's centre is at k).</summary>
    public double Centre(int k) => _origins[k] + (Window - 1) * 0.5;

    /// <summary>Index of the first window whose origin is ≥ <paramref name="position"/>.</summary>
    public int FirstAtOrAfter(int position)
    {
        int k = Array.BinarySearch(_origins, position);
        return k >= 0 ? k : ~k;
    }

    /// <summary>
    /// Pixels [from, to) that window k's centre estimate reaches under linear interpolation between
    /// neighbouring centres; the first and last centres extend flat to the image edges.
    /// </summary>
    public (int From, int To) InterpolationSupport(int k)
    {
        int from = k == 0 ? 0 : (int)Math.Floor(Centre(k - 1)) + 1;
        int to = k == Count - 1 ? Length : (int)Math.Ceiling(Centre(k + 1));
        return (Math.Max(0, from), Math.Min(Length, to));
    }

    /// <summary>
    /// The linear-interpolation basis ("hat") function of centre k at pixel x. The hats of all centres sum
    /// to 1 at every pixel, so splatting Σ w·d and Σ w and dividing is exactly linear interpolation.
    /// </summary>
    public double HatWeight(int k, int x)
    {
        double c = Centre(k);
        if (x >= c)
        {
            if (k == Count - 1) return 1.0;
            double next = Centre(k + 1);
            return x >= next ? 0.0 : (next - x) / (next - c);
        }
        if (k == 0) return 1.0;
        double previous = Centre(k - 1);
        return x <= previous ? 0.0 : (x - previous) / (c - previous);
    }
}
