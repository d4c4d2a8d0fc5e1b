using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Raster.Tests.Support;
using GeoFlowNetSar.Raster.Writing;

namespace GeoFlowNetSar.Raster.Tests;

/// <summary>Every fixture in shared/data: read as amplitude, written as GeoTIFF with its georeferencing, read back.</summary>
public class RoundTripTests
{
    /// <summary>fixture (relative to shared/data) → what to open, read options, expected size and type.</summary>
    public static TheoryData<string, string, bool, int, int, RasterDataType> Fixtures => new()
    {
        { "s1-grd-vv-db-pyrosar.tif", "s1-grd-vv-db-pyrosar.tif", true, 268, 217, RasterDataType.Float32 },
        { "s1-grd-vv-db-bigearthnet.tif", "s1-grd-vv-db-bigearthnet.tif", true, 120, 120, RasterDataType.Float32 },
        { "uavsar-slc-sanand-129.h5", "HDF5:\"{0}/uavsar-slc-sanand-129.h5\"://science/LSAR/SLC/swaths/frequencyA/HH", false, 200, 150, RasterDataType.CFloat32 },
        { "uavsar-slc-sanand-138.h5", "HDF5:\"{0}/uavsar-slc-sanand-138.h5\"://science/LSAR/SLC/swaths/frequencyA/HH", false, 400, 150, RasterDataType.CFloat32 },
        { "sentinel1-iw-slc-safe", "{0}/sentinel1-iw-slc-safe/" + SharedData.SafeName + "/measurement/" + SharedData.MeasurementName + ".tiff", false, 22694, 13509, RasterDataType.CFloat32 },
    };

    [Fact]
    public void Every_fixture_is_covered()
    {
        var present = Directory.GetFileSystemEntries(SharedData.Directory)
            .Select(Path.GetFileName)
            // GDAL .aux.xml sidecars are caches other tools may leave (ours never write them), not fixtures.
            .Where(n => n is not ("README.md" or "licenses") && !n!.EndsWith(".aux.xml", StringComparison.Ordinal))
            .Order();
        Assert.Equal(Fixtures.Select(row => (string)row[0]).Order(), present);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Reads_writes_and_reads_back(string fixture, string open, bool decibels, int width, int height, RasterDataType type)
    {
        string name = open.Contains("{0}") ? string.Format(open, SharedData.Directory) : Path.Combine(SharedData.Directory, fixture);
        using var source = GdalAmplitudeSource.Open(name, new AmplitudeReadOptions { InputIsDecibels = decibels });
        Assert.Equal((width, height, type), (source.Width, source.Height, source.DataType));
        var info = source.Info;

        // Big rasters are cut to a window (and lose their georeferencing, which belongs to the full size).
        var rect = new PixelRect(0, 0, Math.Min(width, 512), Math.Min(height, 512));
        bool whole = rect.Width == width && rect.Height == height;
        var amplitude = source.ReadImage(rect);
        Assert.All(amplitude.Pixels, v => Assert.True(float.IsFinite(v) && v >= 0));

        using var temp = new TempDir();
        string copy = temp.File("copy.tif");
        GeoTiffWriter.WriteFloat32(copy, [amplitude], whole ? info : null, ["amplitude"]);

        var copyInfo = RasterInfo.Read(copy);
        Assert.Equal((rect.Width, rect.Height, 1), (copyInfo.Width, copyInfo.Height, copyInfo.BandCount));
        Assert.Equal("amplitude", copyInfo.Bands[0].Description);
        if (whole)
        {
            Assert.Equal(info.GeoTransform, copyInfo.GeoTransform);
            Assert.Equal(info.Projection, copyInfo.Projection);
            Assert.Equal(info.Gcps, copyInfo.Gcps);
        }
        using var reread = GdalAmplitudeSource.Open(copy);
        Assert.Equal(amplitude.Pixels, reread.ReadImage().Pixels);
    }
}
