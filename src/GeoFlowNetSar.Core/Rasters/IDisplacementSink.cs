namespace GeoFlowNetSar.Core.Rasters;

/// <summary>
/// Receives the finished mosaic strip by strip. Nothing is visible under the final name until
/// <see cref="Complete"/>; disposing an uncompleted sink removes what was written.
/// </summary>
public interface IDisplacementSink : IDisposable
{
    int Width { get; }

    int Height { get; }

    /// <summary>Band names in order: dx, dy, then sigma_dx, sigma_dy when uncertainty is asked for.</summary>
    IReadOnlyList<string> Bands { get; }

    /// <summary>Writes rows [row0, row0 + rowCount) of one band (0-based), row-major, Width values a row.</summary>
    void WriteStrip(int band, int row0, int rowCount, ReadOnlySpan<float> values);

    void Complete();
}
