using System.Runtime.InteropServices;
using GeoFlowNetSar.Raster.Metadata;

namespace GeoFlowNetSar.Raster.Native;

/// <summary>
/// The dozen-odd GDAL C API functions we need (GDAL 3.6 ABI, gdal.h / cpl_error.h / cpl_conv.h).
/// Strings GDAL returns are owned by GDAL, so they come back as <c>nint</c> and are copied with
/// <see cref="NativeStrings"/>; letting the marshaller own them would free GDAL's memory.
/// Callers must go through <see cref="GdalRuntime.EnsureInitialized"/> first so the "gdal" name resolves.
/// </summary>
internal static unsafe partial class GdalNative
{
    private const string Lib = GdalLibrary.LogicalName;

    // GDALOpenEx flags (gdal.h).
    public const uint OfReadOnly = 0x00;
    public const uint OfUpdate = 0x01;
    public const uint OfRaster = 0x02;
    public const uint OfVerboseError = 0x40;

    // GDALRWFlag.
    public const int Read = 0;
    public const int Write = 1;

    // CPLErr.
    public const int CeNone = 0;
    public const int CeDebug = 1;
    public const int CeWarning = 2;
    public const int CeFailure = 3;
    public const int CeFatal = 4;

    [LibraryImport(Lib)]
    public static partial void GDALAllRegister();

    [LibraryImport(Lib)]
    public static partial nint GDALVersionInfo([MarshalAs(UnmanagedType.LPUTF8Str)] string request);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial GdalDatasetHandle GDALOpenEx(string fileName, uint openFlags, nint allowedDrivers, nint openOptions, nint siblingFiles);

    /// <summary>Returns void in GDAL 3.6 (CPLErr only from 3.7); close failures are read from the error capture instead.</summary>
    [LibraryImport(Lib)]
    public static partial void GDALClose(nint dataset);

    [LibraryImport(Lib)]
    public static partial int GDALFlushCache(GdalDatasetHandle dataset);

    [LibraryImport(Lib)]
    public static partial int GDALGetRasterXSize(GdalDatasetHandle dataset);

    [LibraryImport(Lib)]
    public static partial int GDALGetRasterYSize(GdalDatasetHandle dataset);

    [LibraryImport(Lib)]
    public static partial int GDALGetRasterCount(GdalDatasetHandle dataset);

    [LibraryImport(Lib)]
    public static partial nint GDALGetRasterBand(GdalDatasetHandle dataset, int bandNumber);

    [LibraryImport(Lib)]
    public static partial nint GDALGetDatasetDriver(GdalDatasetHandle dataset);

    [LibraryImport(Lib)]
    public static partial nint GDALGetDriverShortName(nint driver);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint GDALGetDriverByName(string name);

    /// <summary>char** to free with <see cref="CSLDestroy"/>.</summary>
    [LibraryImport(Lib)]
    public static partial nint GDALGetFileList(GdalDatasetHandle dataset);

    [LibraryImport(Lib)]
    public static partial void CSLDestroy(nint list);

    [LibraryImport(Lib)]
    public static partial int GDALGetGeoTransform(GdalDatasetHandle dataset, double* transform);

    [LibraryImport(Lib)]
    public static partial int GDALSetGeoTransform(GdalDatasetHandle dataset, double* transform);

    [LibraryImport(Lib)]
    public static partial nint GDALGetProjectionRef(GdalDatasetHandle dataset);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int GDALSetProjection(GdalDatasetHandle dataset, string wkt);

    [LibraryImport(Lib)]
    public static partial int GDALGetGCPCount(GdalDatasetHandle dataset);

    [LibraryImport(Lib)]
    public static partial GdalGcp* GDALGetGCPs(GdalDatasetHandle dataset);

    [LibraryImport(Lib)]
    public static partial nint GDALGetGCPProjection(GdalDatasetHandle dataset);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int GDALSetGCPs(GdalDatasetHandle dataset, int count, GdalGcp* gcps, string projectionWkt);

    /// <summary>char** owned by the object (do not free).</summary>
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint GDALGetMetadata(GdalDatasetHandle dataset, string? domain);

    [LibraryImport(Lib, EntryPoint = "GDALGetMetadata", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint GDALGetBandMetadata(nint band, string? domain);

    [LibraryImport(Lib, EntryPoint = "GDALGetMetadataItem", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint GDALGetDatasetMetadataItem(GdalDatasetHandle dataset, string name, string? domain);

    [LibraryImport(Lib, EntryPoint = "GDALGetMetadataItem", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint GDALGetObjectMetadataItem(nint majorObject, string name, string? domain);

    [LibraryImport(Lib)]
    public static partial nint GDALGetDescription(nint majorObject);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void GDALSetDescription(nint majorObject, string description);

    [LibraryImport(Lib)]
    public static partial RasterDataType GDALGetRasterDataType(nint band);

    [LibraryImport(Lib)]
    public static partial void GDALGetBlockSize(nint band, out int blockXSize, out int blockYSize);

    [LibraryImport(Lib)]
    public static partial double GDALGetRasterNoDataValue(nint band, out int hasNoData);

    [LibraryImport(Lib)]
    public static partial int GDALSetRasterNoDataValue(nint band, double value);

    [LibraryImport(Lib)]
    public static partial int GDALGetOverviewCount(nint band);

    [LibraryImport(Lib)]
    public static partial int GDALRasterIO(
        nint band, int readWrite, int xOffset, int yOffset, int xSize, int ySize,
        void* buffer, int bufferXSize, int bufferYSize, RasterDataType bufferType, int pixelSpace, int lineSpace);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial GdalDatasetHandle GDALCreate(
        nint driver, string fileName, int xSize, int ySize, int bands, RasterDataType type, nint options);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial GdalDatasetHandle GDALCreateCopy(
        nint driver, string fileName, GdalDatasetHandle source, int strict, nint options, nint progress, nint progressData);

    // cpl_error.h / cpl_conv.h

    [LibraryImport(Lib)]
    public static partial nint CPLSetErrorHandler(nint handler);

    [LibraryImport(Lib)]
    public static partial void CPLErrorReset();

    [LibraryImport(Lib)]
    public static partial nint CPLGetLastErrorMsg();

    [LibraryImport(Lib)]
    public static partial int CPLGetLastErrorType();

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint CPLGetConfigOption(string key, string? defaultValue);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void CPLSetConfigOption(string key, string? value);

    [LibraryImport(Lib)]
    public static partial long GDALGetCacheMax64();
}

/// <summary>GDAL_GCP from gdal.h: two char* then five doubles.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GdalGcp
{
    public nint Id;
    public nint Info;
    public double Pixel;
    public double Line;
    public double X;
    public double Y;
    public double Z;
}
