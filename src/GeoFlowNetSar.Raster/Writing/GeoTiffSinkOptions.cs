namespace GeoFlowNetSar.Raster.Writing;

public sealed record GeoTiffSinkOptions
{
    public static GeoTiffSinkOptions Default { get; } = new();

    /// <summary>
    /// Convert to a Cloud-Optimized GeoTIFF (with overviews) on <see cref="GeoTiffDisplacementSink.Complete"/>.
    /// Costs one extra pass over the file; worth it for mosaics that are browsed remotely.
    /// </summary>
    public bool CloudOptimized { get; init; }
}
