namespace GeoFlowNetSar.Core.Rasters;

/// <summary>Keeps the mosaic in memory: for tests, small scenes and quick-looks.</summary>
public sealed class InMemoryDisplacementSink : IDisplacementSink
{
    private readonly FloatImage[] _bands;

    public InMemoryDisplacementSink(int width, int height, IReadOnlyList<string> bands)
    {
        Width = width;
        Height = height;
        Bands = bands;
        _bands = bands.Select(_ => new FloatImage(width, height)).ToArray();
        foreach (var band in _bands)
            band.Pixels.AsSpan().Fill(float.NaN);
    }

    public int Width { get; }
    public int Height { get; }
    public IReadOnlyList<string> Bands { get; }
    public bool IsComplete { get; private set; }

    public FloatImage Band(string name)
    {
        int index = Bands.ToList().IndexOf(name);
        if (index < 0) throw new ArgumentException($"No band named '{name}'.", nameof(name));
        return _bands[index];
    }

    public void WriteStrip(int band, int row0, int rowCount, ReadOnlySpan<float> values) =>
        values[..(rowCount * Width)].CopyTo(_bands[band].Pixels.AsSpan(row0 * Width));

    public void Complete() => IsComplete = true;

    public void Dispose()
    {
    }
}
