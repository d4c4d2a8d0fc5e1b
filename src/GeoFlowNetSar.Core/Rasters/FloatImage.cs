namespace GeoFlowNetSar.Core.Rasters;

/// <summary>A row-major Float32 image; the unit every stage exchanges (amplitude in, displacement out).</summary>
public sealed class FloatImage
{
    public FloatImage(int width, int height)
        : this(width, height, new float[checked(width * height)])
    {
    }

    public FloatImage(int width, int height, float[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        if (pixels.Length != (long)width * height)
            throw new ArgumentException($"Expected {width}x{height} pixels, got {pixels.Length}.", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }
    public float[] Pixels { get; }

    public float this[int x, int y]
    {
        get => Pixels[y * Width + x];
        set => Pixels[y * Width + x] = value;
    }

    public Span<float> Row(int y) => Pixels.AsSpan(y * Width, Width);

    /// <summary>Copies the rectangle <paramref name="rect"/> (in this image's coordinates) into a new image.</summary>
    public FloatImage Crop(PixelRect rect)
    {
        if (!new PixelRect(0, 0, Width, Height).Contains(rect))
            throw new ArgumentOutOfRangeException(nameof(rect), $"{rect} is outside the {Width}x{Height} image.");
        var crop = new FloatImage(rect.Width, rect.Height);
        for (int y = 0; y < rect.Height; y++)
            Pixels.AsSpan((rect.Y + y) * Width + rect.X, rect.Width).CopyTo(crop.Row(y));
        return crop;
    }
}
