namespace GeoFlowNetSar.Core.Rasters;

/// <summary>
/// A readable complex raster (a single-look complex image, SLC): the samples z = re + i·im as Float32, before any
/// detection. Whoever needs amplitude detects it (|z|) after whatever resampling it does, because the complex field is
/// band-limited and its amplitude is not.
/// </summary>
public interface IComplexSource
{
    /// <summary>What to name in error messages (a path or blob name).</summary>
    string Name { get; }

    int Width { get; }

    int Height { get; }

    /// <summary>Reads <paramref name="rect"/> row-major into two planes of rect.Area values each.</summary>
    void Read(PixelRect rect, Span<float> real, Span<float> imaginary);
}
