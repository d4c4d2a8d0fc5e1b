using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;

namespace GeoFlowNetSar.Correlators.Windows;

/// <summary>
/// Gathers PRE and POST windows into contiguous, reusable buffers (window after window, row-major) ready to be
/// wrapped as [B, N, N] tensors, standardised to zero mean and unit variance per window. A window with too many
/// non-finite pixels, or with no texture (constant), is flagged unusable; a few non-finite pixels are filled
/// with the window mean so they neither dominate the spectrum nor poison the whole window.
/// </summary>
public sealed class WindowBatch
{
    /// <summary>Above this fraction of non-finite pixels a window gives no estimate.</summary>
    public const double MaxInvalidFraction = 0.1;

    // Relative standard deviation below which a window is flat: float noise on a constant image, not texture.
    private const double FlatRelativeStd = 1e-6;

    private readonly int _window;

    public WindowBatch(int window, int capacity)
    {
        _window = window;
        Capacity = capacity;
        Pre = new float[capacity * window * window];
        Post = new float[capacity * window * window];
        Usable = new bool[capacity];
    }

    public int Capacity { get; }
    public int Count { get; private set; }
    public float[] Pre { get; }
    public float[] Post { get; }
    public bool[] Usable { get; }

    /// <summary>Gathers PRE windows at <paramref name="preOrigins"/> and POST windows at <paramref name="postOrigins"/>.</summary>
    public void Gather(FloatImage pre, FloatImage post, ReadOnlySpan<WindowOrigin> preOrigins, ReadOnlySpan<WindowOrigin> postOrigins)
    {
        if (preOrigins.Length > Capacity) throw new ArgumentOutOfRangeException(nameof(preOrigins), $"At most {Capacity} windows per batch.");
        if (postOrigins.Length != preOrigins.Length) throw new ArgumentException("PRE and POST need as many windows.", nameof(postOrigins));
        Count = preOrigins.Length;
        int n = _window * _window;
        for (int i = 0; i < preOrigins.Length; i++)
        {
            var preWindow = Pre.AsSpan(i * n, n);
            var postWindow = Post.AsSpan(i * n, n);
            Copy(pre, preOrigins[i], preWindow);
            Copy(post, postOrigins[i], postWindow);
            Usable[i] = Standardise(preWindow) & Standardise(postWindow);
        }
    }

    private void Copy(FloatImage image, WindowOrigin origin, Span<float> destination)
    {
        for (int y = 0; y < _window; y++)
            image.Pixels.AsSpan((origin.Y + y) * image.Width + origin.X, _window).CopyTo(destination.Slice(y * _window, _window));
    }

    private static bool Standardise(Span<float> values)
    {
        double sum = 0;
        int finite = 0;
        foreach (float v in values)
            if (float.IsFinite(v)) { sum += v; finite++; }
        if (finite < values.Length * (1 - MaxInvalidFraction)) return false;
        double mean = sum / finite;
        double squares = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i])) values[i] = (float)mean;
            double d = values[i] - mean;
            squares += d * d;
        }
        double std = Math.Sqrt(squares / values.Length);
        if (std <= FlatRelativeStd * Math.Max(Math.Abs(mean), 1e-30) || std == 0) return false;
        float scale = (float)(1 / std);
        for (int i = 0; i < values.Length; i++) values[i] = (float)((values[i] - mean) * scale);
        return true;
    }
}
