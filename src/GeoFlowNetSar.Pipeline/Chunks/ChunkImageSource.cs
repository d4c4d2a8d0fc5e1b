using GeoFlowNetSar.Core.Rasters;

namespace GeoFlowNetSar.Pipeline.Chunks;

/// <summary>
/// A scene-sized <see cref="IAmplitudeSource"/> that holds only one chunk's input pixels (decoded from a chunk blob),
/// so <see cref="ChunkProcessor.Process"/> runs on a tile grain exactly as in the embedded run. Reading outside the
/// held rectangle is a bug in the caller and throws.
/// </summary>
public sealed class ChunkImageSource : IAmplitudeSource
{
    public ChunkImageSource(string name, int sceneWidth, int sceneHeight, PixelRect rect, FloatImage image)
    {
        if (image.Width != rect.Width || image.Height != rect.Height)
            throw new ArgumentException($"The image is {image.Width}x{image.Height}, the rect {rect}.", nameof(image));
        if (!new PixelRect(0, 0, sceneWidth, sceneHeight).Contains(rect))
            throw new ArgumentException($"{rect} is outside the {sceneWidth}x{sceneHeight} scene.", nameof(rect));
        Name = name;
        Width = sceneWidth;
        Height = sceneHeight;
        Rect = rect;
        Image = image;
    }

    public string Name { get; }
    public int Width { get; }
    public int Height { get; }

    /// <summary>The held rectangle, in scene coordinates.</summary>
    public PixelRect Rect { get; }

    public FloatImage Image { get; }

    public void Read(PixelRect rect, Span<float> destination)
    {
        if (!Rect.Contains(rect))
            throw new ArgumentOutOfRangeException(nameof(rect), $"{Name} holds {Rect} of the scene only; {rect} was asked for.");
        for (int y = 0; y < rect.Height; y++)
            Image.Pixels.AsSpan((rect.Y - Rect.Y + y) * Image.Width + (rect.X - Rect.X), rect.Width)
                .CopyTo(destination.Slice(y * rect.Width, rect.Width));
    }
}
