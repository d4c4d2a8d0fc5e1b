namespace GeoFlowNetSar.Raster.Metadata;

/// <summary>Where a pixel spacing came from, so reports can say how much to trust metres.</summary>
public enum PixelSpacingSource
{
    Unknown = 0,

    /// <summary>Sentinel-1 SAFE annotation XML (rangePixelSpacing / azimuthPixelSpacing): slant range and azimuth.</summary>
    SafeAnnotation,

    /// <summary>Geotransform of a raster projected in metres.</summary>
    GeoTransform,

    /// <summary>Given by the user.</summary>
    CommandLine,
}
