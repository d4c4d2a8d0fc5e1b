using GeoFlowNetSar.Raster.Native;

namespace GeoFlowNetSar.Raster.Metadata;

/// <summary>
/// What the pipeline needs to know about a raster: size, bands, georeferencing (to copy from PRE to the output) and
/// pixel spacing (for metres). Build one by hand for synthetic rasters (only Name, Width and Height are required).
/// </summary>
public sealed record RasterInfo
{
    public required string Name { get; init; }

    /// <summary>GDAL driver short name (GTiff, HDF5Image, SAFE...); empty for hand-made infos.</summary>
    public string Driver { get; init; } = string.Empty;

    public required int Width { get; init; }

    public required int Height { get; init; }

    public IReadOnlyList<RasterBandInfo> Bands { get; init; } = [];

    public int BandCount => Bands.Count;

    /// <summary>Band 1's type (what the amplitude reader sees by default).</summary>
    public RasterDataType DataType => Bands.Count > 0 ? Bands[0].DataType : RasterDataType.Unknown;

    /// <summary>Null when the raster has no geotransform (radar geometry, GCP-only products).</summary>
    public GeoTransform? GeoTransform { get; init; }

    /// <summary>WKT of the geotransform's CRS; empty when none.</summary>
    public string Projection { get; init; } = string.Empty;

    public IReadOnlyList<GroundControlPoint> Gcps { get; init; } = [];

    /// <summary>WKT of the GCPs' CRS; empty when none.</summary>
    public string GcpProjection { get; init; } = string.Empty;

    public PixelSpacing PixelSpacing { get; init; } = PixelSpacing.Unknown;

    /// <summary>Subdatasets GDAL lists for this raster (HDF5 datasets, SAFE calibrations); often empty.</summary>
    public IReadOnlyList<SubdatasetInfo> Subdatasets { get; init; } = [];

    public bool HasGeoreferencing => GeoTransform is not null || Gcps.Count > 0;

    /// <summary>
    /// Reads the metadata of anything GDAL opens. <paramref name="subdataset"/> chooses a subdataset by full name or by a
    /// distinctive part (e.g. "IW1_VV", "frequencyA/HH"), as for <see cref="Reading.AmplitudeReadOptions.Subdataset"/>.
    /// Unlike the amplitude reader, a container without bands (an HDF5 file itself) is described, not refused.
    /// </summary>
    /// <exception cref="RasterInputException">The raster cannot be opened.</exception>
    public static RasterInfo Read(string path, string? subdataset = null)
    {
        using var dataset = Reading.DatasetOpener.Open(path, subdataset, requireBands: false);
        return RasterInfoReader.Read(dataset);
    }
}
