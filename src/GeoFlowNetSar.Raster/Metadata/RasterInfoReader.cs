using GeoFlowNetSar.Raster.Native;

namespace GeoFlowNetSar.Raster.Metadata;

/// <summary>Fills a <see cref="RasterInfo"/> from an open dataset (the caller holds the dataset's lock).</summary>
internal static unsafe class RasterInfoReader
{
    public static RasterInfo Read(GdalDataset dataset)
    {
        var bands = Enumerable.Range(1, dataset.BandCount).Select(n => ReadBand(dataset, n)).ToList();
        var geoTransform = ReadGeoTransform(dataset);
        string projection = NativeStrings.CopyOrEmpty(GdalNative.GDALGetProjectionRef(dataset.Handle));
        return new RasterInfo
        {
            Name = dataset.Name,
            Driver = dataset.DriverShortName,
            Width = dataset.Width,
            Height = dataset.Height,
            Bands = bands,
            GeoTransform = geoTransform,
            Projection = projection,
            Gcps = ReadGcps(dataset),
            GcpProjection = NativeStrings.CopyOrEmpty(GdalNative.GDALGetGCPProjection(dataset.Handle)),
            PixelSpacing = ResolveSpacing(dataset, geoTransform, projection),
            Subdatasets = dataset.Subdatasets(),
        };
    }

    private static RasterBandInfo ReadBand(GdalDataset dataset, int number)
    {
        nint band = dataset.Band(number);
        double noData = GdalNative.GDALGetRasterNoDataValue(band, out int hasNoData);
        GdalNative.GDALGetBlockSize(band, out int blockWidth, out int blockHeight);
        return new RasterBandInfo(
            number,
            GdalNative.GDALGetRasterDataType(band),
            hasNoData != 0 ? noData : null,
            NativeStrings.CopyOrEmpty(GdalNative.GDALGetDescription(band)),
            blockWidth,
            blockHeight);
    }

    private static GeoTransform? ReadGeoTransform(GdalDataset dataset)
    {
        Span<double> gt = stackalloc double[6];
        fixed (double* p = gt)
        {
            // GDAL answers CE_Failure (and an identity transform) when there is none.
            if (GdalNative.GDALGetGeoTransform(dataset.Handle, p) != GdalNative.CeNone) return null;
        }
        return GeoTransform.FromArray(gt);
    }

    private static List<GroundControlPoint> ReadGcps(GdalDataset dataset)
    {
        int count = GdalNative.GDALGetGCPCount(dataset.Handle);
        GdalGcp* gcps = GdalNative.GDALGetGCPs(dataset.Handle);
        var result = new List<GroundControlPoint>(Math.Max(0, count));
        for (int i = 0; gcps != null && i < count; i++)
        {
            result.Add(new GroundControlPoint(
                NativeStrings.CopyOrEmpty(gcps[i].Id),
                NativeStrings.CopyOrEmpty(gcps[i].Info),
                gcps[i].Pixel, gcps[i].Line, gcps[i].X, gcps[i].Y, gcps[i].Z));
        }
        return result;
    }

    /// <summary>SAFE annotation first (true radar spacing), then a metric geotransform, else unknown (the CLI asks).</summary>
    private static PixelSpacing ResolveSpacing(GdalDataset dataset, GeoTransform? geoTransform, string projection)
    {
        string? swath = dataset.MetadataItem("SWATH");
        string? polarisation = null;
        if (dataset.BandCount > 0)
        {
            nint band = GdalNative.GDALGetRasterBand(dataset.Handle, 1);
            swath = NativeStrings.Copy(GdalNative.GDALGetObjectMetadataItem(band, "SWATH", null)) ?? swath;
            polarisation = NativeStrings.Copy(GdalNative.GDALGetObjectMetadataItem(band, "POLARIZATION", null));
        }
        string? annotation = SafeAnnotation.FindAmong(dataset.FileList(), swath, polarisation);
        if (annotation is not null && SafeAnnotation.TryReadPixelSpacing(annotation) is { } fromSafe)
            return fromSafe;

        if (geoTransform is { } gt && ProjectionUnits.IsProjectedInMetres(projection)
            && PixelSpacing.IsValid(gt.ColumnSpacing) && PixelSpacing.IsValid(gt.RowSpacing))
            return new PixelSpacing(gt.ColumnSpacing, gt.RowSpacing, PixelSpacingSource.GeoTransform);

        return PixelSpacing.Unknown;
    }
}
