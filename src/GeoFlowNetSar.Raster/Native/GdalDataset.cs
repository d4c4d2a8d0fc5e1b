using GeoFlowNetSar.Raster.Metadata;

namespace GeoFlowNetSar.Raster.Native;

/// <summary>
/// An open GDAL dataset plus the name to blame in messages. Not thread-safe (GDAL datasets are not):
/// owners serialise access.
/// </summary>
internal sealed class GdalDataset : IDisposable
{
    private GdalDataset(GdalDatasetHandle handle, string name)
    {
        Handle = handle;
        Name = name;
    }

    public GdalDatasetHandle Handle { get; }

    public string Name { get; }

    public int Width => GdalNative.GDALGetRasterXSize(Handle);

    public int Height => GdalNative.GDALGetRasterYSize(Handle);

    public int BandCount => GdalNative.GDALGetRasterCount(Handle);

    public string DriverShortName => NativeStrings.CopyOrEmpty(GdalNative.GDALGetDriverShortName(GdalNative.GDALGetDatasetDriver(Handle)));

    /// <summary>Opens <paramref name="gdalName"/> read-only as a raster; failures become <see cref="RasterInputException"/>.</summary>
    public static GdalDataset OpenRead(string gdalName, string? nameForMessages = null)
    {
        GdalRuntime.EnsureInitialized();
        string name = nameForMessages ?? gdalName;
        GdalErrorCapture.Reset();
        var handle = GdalNative.GDALOpenEx(gdalName, GdalNative.OfRaster | GdalNative.OfReadOnly | GdalNative.OfVerboseError, 0, 0, 0);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new RasterInputException(name, $"GDAL cannot open '{name}' as a raster: {GdalErrorCapture.Describe()}");
        }
        return new GdalDataset(handle, name);
    }

    /// <summary>Wraps a handle from GDALCreate/GDALCreateCopy (already checked to be valid).</summary>
    public static GdalDataset Adopt(GdalDatasetHandle handle, string name) => new(handle, name);

    public nint Band(int number)
    {
        int count = BandCount;
        if (number < 1 || number > count)
            throw new RasterInputException(Name, $"'{Name}' has {count} band(s); band {number} does not exist (bands are numbered from 1).");
        return GdalNative.GDALGetRasterBand(Handle, number);
    }

    public IReadOnlyList<KeyValuePair<string, string>> Metadata(string? domain = null) =>
        NativeStrings.CopyNameValueList(GdalNative.GDALGetMetadata(Handle, domain));

    public string? MetadataItem(string key, string? domain = null) =>
        NativeStrings.Copy(GdalNative.GDALGetDatasetMetadataItem(Handle, key, domain));

    /// <summary>GDAL's SUBDATASETS domain in order (SUBDATASET_1_NAME, SUBDATASET_1_DESC, ...).</summary>
    public IReadOnlyList<SubdatasetInfo> Subdatasets()
    {
        var entries = Metadata("SUBDATASETS").ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase);
        var result = new List<SubdatasetInfo>();
        for (int i = 1; entries.TryGetValue($"SUBDATASET_{i}_NAME", out string? subName); i++)
            result.Add(new SubdatasetInfo(subName, entries.GetValueOrDefault($"SUBDATASET_{i}_DESC") ?? string.Empty));
        return result;
    }

    /// <summary>Files GDAL read to build this dataset (for SAFE: manifest, annotation, calibration, measurement).</summary>
    public IReadOnlyList<string> FileList()
    {
        nint list = GdalNative.GDALGetFileList(Handle);
        try
        {
            return NativeStrings.CopyList(list);
        }
        finally
        {
            GdalNative.CSLDestroy(list);
        }
    }

    /// <summary>
    /// Closes now and reports whether GDAL raised a failure while doing so. For written datasets this is where
    /// the last blocks are compressed and flushed, so it must be checked before the file is trusted.
    /// </summary>
    public string? CloseAndDescribeFailure()
    {
        GdalErrorCapture.Reset();
        Handle.Dispose();
        return GdalErrorCapture.HasFailure ? GdalErrorCapture.Describe() : null;
    }

    public void Dispose() => Handle.Dispose();
}
