namespace GeoFlowNetSar.Core.Rasters;

/// <summary>
/// A readable amplitude raster (linear amplitude, Float32). Implementations turn complex samples into |z|
/// and dB into linear values, so estimators only ever see amplitude.
/// </summary>
public interface IAmplitudeSource
{
    /// <summary>What to name in error messages (a path or blob name).</summary>
    string Name { get; }

    int Width { get; }

    int Height { get; }

    /// <summary>Reads <paramref name="rect"/> row-major into <paramref name="destination"/> (rect.Area values).</summary>
    void Read(PixelRect rect, Span<float> destination);
}
