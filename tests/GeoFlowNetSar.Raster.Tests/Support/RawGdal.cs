using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Raster.Native;

namespace GeoFlowNetSar.Raster.Tests.Support;

/// <summary>Reads samples straight through the binding, without our conversions, to compute expected values.</summary>
internal static unsafe class RawGdal
{
    public static float[] ReadFloat32(string name, PixelRect rect, int band = 1) => Read(name, rect, band, RasterDataType.Float32, 1);

    /// <summary>Interleaved (re, im) pairs as GDAL delivers them in a CFloat32 buffer.</summary>
    public static float[] ReadComplex(string name, PixelRect rect, int band = 1) => Read(name, rect, band, RasterDataType.CFloat32, 2);

    public static int OverviewCount(string name, int band = 1)
    {
        using var dataset = GdalDataset.OpenRead(name);
        return GdalNative.GDALGetOverviewCount(dataset.Band(band));
    }

    public static string? DatasetMetadataItem(string name, string key, string? domain)
    {
        using var dataset = GdalDataset.OpenRead(name);
        return dataset.MetadataItem(key, domain);
    }

    private static float[] Read(string name, PixelRect rect, int band, RasterDataType type, int floatsPerSample)
    {
        using var dataset = GdalDataset.OpenRead(name);
        var values = new float[rect.Area * floatsPerSample];
        fixed (float* p = values)
        {
            int result = GdalNative.GDALRasterIO(dataset.Band(band), GdalNative.Read, rect.X, rect.Y, rect.Width, rect.Height, p, rect.Width, rect.Height, type, 0, 0);
            Assert.Equal(GdalNative.CeNone, result);
        }
        return values;
    }
}
