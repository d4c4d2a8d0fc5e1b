using System.Runtime.InteropServices;
using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Raster.Native;

namespace GeoFlowNetSar.Raster.Writing;

/// <summary>Creates GeoTIFFs with our layout and copies georeferencing; shared by the sink and the small writer.</summary>
internal static unsafe class GeoTiffCreation
{
    public const int BlockSize = 256;

    /// <summary>
    /// Tiled so that windows and strips touch few blocks; DEFLATE with the floating-point predictor (3) compresses smooth
    /// displacement fields well, at level 3: a 1024² two-band field writes 2.5× faster than at the default 6 (37 vs 93 ms)
    /// for an 8 % larger file, and the writing is on the scene's critical path; INTERLEAVE=BAND so that strips of one band never force re-compression of another's
    /// tiles; IF_SAFER switches to BigTIFF for swath-sized outputs that might pass 4 GB.
    /// </summary>
    public static List<KeyValuePair<string, string>> CreationOptions(RasterDataType type)
    {
        var options = new List<KeyValuePair<string, string>>
        {
            new("TILED", "YES"),
            new("BLOCKXSIZE", BlockSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("BLOCKYSIZE", BlockSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("COMPRESS", "DEFLATE"),
            new("ZLEVEL", "3"),
            new("BIGTIFF", "IF_SAFER"),
            new("INTERLEAVE", "BAND"),
        };
        // GTiff accepts predictor 3 only for real floating-point samples.
        if (type is RasterDataType.Float32 or RasterDataType.Float64)
            options.Add(new("PREDICTOR", "3"));
        return options;
    }

    public static GdalDataset Create(string temporaryPath, string finalPath, int width, int height, int bandCount, RasterDataType type)
    {
        GdalRuntime.EnsureInitialized();
        if (width <= 0 || height <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"Cannot create '{finalPath}' of {width}x{height} pixels.");
        if (bandCount <= 0)
            throw new ArgumentOutOfRangeException(nameof(bandCount), $"Cannot create '{finalPath}' without bands.");
        nint driver = GdalNative.GDALGetDriverByName("GTiff");
        if (driver == 0)
            throw new RasterOutputException(finalPath, $"Cannot write '{finalPath}': this GDAL has no GTiff driver.");
        using var options = NativeStringList.FromOptions(CreationOptions(type));
        GdalErrorCapture.Reset();
        var handle = GdalNative.GDALCreate(driver, temporaryPath, width, height, bandCount, type, options.Pointer);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new RasterOutputException(finalPath, $"GDAL cannot create '{finalPath}' (as '{temporaryPath}'): {GdalErrorCapture.Describe()}");
        }
        return GdalDataset.Adopt(handle, finalPath);
    }

    public static void DescribeBands(GdalDataset dataset, IReadOnlyList<string> descriptions)
    {
        for (int i = 0; i < descriptions.Count; i++)
            GdalNative.GDALSetDescription(GdalNative.GDALGetRasterBand(dataset.Handle, i + 1), descriptions[i]);
    }

    public static void SetNoData(GdalDataset dataset, double value)
    {
        for (int band = 1; band <= dataset.BandCount; band++)
        {
            GdalErrorCapture.Reset();
            if (GdalNative.GDALSetRasterNoDataValue(GdalNative.GDALGetRasterBand(dataset.Handle, band), value) != GdalNative.CeNone)
                throw new RasterOutputException(dataset.Name, $"Cannot declare nodata on band {band} of '{dataset.Name}': {GdalErrorCapture.Describe()}");
        }
    }

    /// <summary>
    /// Geotransform + projection when the source has one, else its GCPs (a GeoTIFF holds one or the other;
    /// Sentinel-1 measurements carry only GCPs).
    /// </summary>
    public static void CopyGeoreferencing(GdalDataset dataset, RasterInfo source)
    {
        if (source.Width != dataset.Width || source.Height != dataset.Height)
            throw new ArgumentException(
                $"The georeferencing of '{source.Name}' ({source.Width}x{source.Height}) does not fit '{dataset.Name}' ({dataset.Width}x{dataset.Height}).",
                nameof(source));
        GdalErrorCapture.Reset();
        if (source.GeoTransform is { } gt)
        {
            double[] coefficients = gt.ToArray();
            fixed (double* p = coefficients)
                Check(dataset, GdalNative.GDALSetGeoTransform(dataset.Handle, p), "geotransform");
            if (!string.IsNullOrEmpty(source.Projection))
                Check(dataset, GdalNative.GDALSetProjection(dataset.Handle, source.Projection), "projection");
        }
        else if (source.Gcps.Count > 0)
        {
            SetGcps(dataset, source.Gcps, source.GcpProjection);
        }
    }

    public static void WriteRows<T>(GdalDataset dataset, int bandNumber, int row0, int rowCount, ReadOnlySpan<T> values, RasterDataType bufferType)
        where T : unmanaged
    {
        nint band = GdalNative.GDALGetRasterBand(dataset.Handle, bandNumber);
        GdalErrorCapture.Reset();
        int result;
        fixed (T* p = values)
            result = GdalNative.GDALRasterIO(band, GdalNative.Write, 0, row0, dataset.Width, rowCount, p, dataset.Width, rowCount, bufferType, 0, 0);
        if (result != GdalNative.CeNone)
            throw new RasterOutputException(dataset.Name, $"GDAL failed to write rows {row0}..{row0 + rowCount - 1} of band {bandNumber} of '{dataset.Name}': {GdalErrorCapture.Describe()}");
    }

    private static void SetGcps(GdalDataset dataset, IReadOnlyList<GroundControlPoint> gcps, string projection)
    {
        var native = new GdalGcp[gcps.Count];
        var strings = new List<nint>(2 * gcps.Count);
        try
        {
            for (int i = 0; i < gcps.Count; i++)
            {
                nint id = Marshal.StringToCoTaskMemUTF8(gcps[i].Id);
                strings.Add(id);
                nint info = Marshal.StringToCoTaskMemUTF8(gcps[i].Info);
                strings.Add(info);
                native[i] = new GdalGcp { Id = id, Info = info, Pixel = gcps[i].Pixel, Line = gcps[i].Line, X = gcps[i].X, Y = gcps[i].Y, Z = gcps[i].Z };
            }
            // GDAL copies the GCPs, so our strings can go as soon as the call returns.
            fixed (GdalGcp* p = native)
                Check(dataset, GdalNative.GDALSetGCPs(dataset.Handle, native.Length, p, projection), "GCPs");
        }
        finally
        {
            strings.ForEach(Marshal.FreeCoTaskMem);
        }
    }

    private static void Check(GdalDataset dataset, int result, string what)
    {
        if (result != GdalNative.CeNone)
            throw new RasterOutputException(dataset.Name, $"Cannot set the {what} of '{dataset.Name}': {GdalErrorCapture.Describe()}");
    }
}
