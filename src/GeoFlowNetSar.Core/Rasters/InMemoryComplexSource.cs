namespace GeoFlowNetSar.Core.Rasters;

/// <summary>A complex raster held in memory as two row-major planes (tests, synthetic fields).</summary>
public sealed class InMemoryComplexSource : IComplexSource
{
    private readonly float[] _real;
    private readonly float[] _imaginary;

    public InMemoryComplexSource(int width, int height, float[] real, float[] imaginary, string name = "memory")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (real.Length != (long)width * height || imaginary.Length != (long)width * height)
            throw new ArgumentException($"A {width}x{height} complex raster needs {(long)width * height} values per plane.");
        Width = width;
        Height = height;
        _real = real;
        _imaginary = imaginary;
        Name = name;
    }

    public string Name { get; }
    public int Width { get; }
    public int Height { get; }

    public void Read(PixelRect rect, Span<float> real, Span<float> imaginary)
    {
        if (!new PixelRect(0, 0, Width, Height).Contains(rect))
            throw new ArgumentOutOfRangeException(nameof(rect), $"{rect} is outside {Name} ({Width}x{Height}).");
        if (real.Length < rect.Area || imaginary.Length < rect.Area)
            throw new ArgumentException($"Reading {rect} needs {rect.Area} values per plane.");
        for (int y = 0; y < rect.Height; y++)
        {
            int from = (rect.Y + y) * Width + rect.X, to = y * rect.Width;
            _real.AsSpan(from, rect.Width).CopyTo(real.Slice(to, rect.Width));
            _imaginary.AsSpan(from, rect.Width).CopyTo(imaginary.Slice(to, rect.Width));
        }
    }
}
