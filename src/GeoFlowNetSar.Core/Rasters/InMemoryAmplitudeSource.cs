namespace GeoFlowNetSar.Core.Rasters;

/// <summary>An amplitude raster held in memory (tests, synthetic scenes).</summary>
public sealed class InMemoryAmplitudeSource(FloatImage image, string name = "memory") : IAmplitudeSource
{
    public string Name { get; } = name;
    public int Width => image.Width;
    public int Height => image.Height;
    public FloatImage Image => image;

    public void Read(PixelRect rect, Span<float> destination)
    {
        if (!new PixelRect(0, 0, Width, Height).Contains(rect))
            throw new ArgumentOutOfRangeException(nameof(rect), $"{rect} is outside {Name} ({Width}x{Height}).");
        for (int y = 0; y < rect.Height; y++)
            image.Pixels.AsSpan((rect.Y + y) * Width + rect.X, rect.Width).CopyTo(destination.Slice(y * rect.Width, rect.Width));
    }
}
