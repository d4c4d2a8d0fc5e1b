namespace GeoFlowNetSar.Raster.Writing;

public sealed record CloudOptimizedGeoTiffOptions
{
    public static CloudOptimizedGeoTiffOptions Default { get; } = new();

    /// <summary>
    /// Overview resampling. AVERAGE because overviews of a displacement field should be local means, and GDAL's
    /// averaging skips nodata (NaN) pixels instead of smearing them.
    /// </summary>
    public string Resampling { get; init; } = "AVERAGE";

    /// <summary>Tile size (the COG driver's default is 512; 256 matches our other outputs).</summary>
    public int BlockSize { get; init; } = 256;

    /// <summary>AUTO makes overviews until the smallest fits in one tile; NONE makes none.</summary>
    public string Overviews { get; init; } = "AUTO";

    /// <summary>Worker threads for compression (the COG driver's default is 1).</summary>
    public int Threads { get; init; } = 1;
}
