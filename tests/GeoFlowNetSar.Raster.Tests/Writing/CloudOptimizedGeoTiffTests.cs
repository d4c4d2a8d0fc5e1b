using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Raster.Tests.Support;
using GeoFlowNetSar.Raster.Writing;

namespace GeoFlowNetSar.Raster.Tests.Writing;

public class CloudOptimizedGeoTiffTests
{
    [Fact]
    public void Copy_keeps_values_descriptions_nodata_and_georeferencing_and_adds_overviews()
    {
        using var temp = new TempDir();
        const int size = 1024;
        string source = temp.File("plain.tif"), cog = temp.File("out", "cog.tif");
        var georef = RasterInfo.Read(SharedData.BigEarthNetDb) with { Width = size, Height = size };
        var dx = new float[size * size];
        var dy = new float[size * size];
        for (int i = 0; i < dx.Length; i++)
        {
            dx[i] = MathF.Sin(i * 0.001f);
            dy[i] = i % 5 == 0 ? float.NaN : i % 1024 * 0.01f;
        }
        GeoTiffWriter.WriteFloat32(source, size, size, [dx, dy], georef, ["dx", "dy"], double.NaN);
        Assert.Equal(0, RawGdal.OverviewCount(source));

        CloudOptimizedGeoTiff.Write(source, cog);

        Assert.Equal(["cog.tif"], Directory.GetFileSystemEntries(Path.GetDirectoryName(cog)!).Select(Path.GetFileName));
        Assert.Equal("COG", RawGdal.DatasetMetadataItem(cog, "LAYOUT", "IMAGE_STRUCTURE"));
        Assert.Equal("DEFLATE", RawGdal.DatasetMetadataItem(cog, "COMPRESSION", "IMAGE_STRUCTURE"));
        Assert.True(RawGdal.OverviewCount(cog) > 0);
        Assert.True(RawGdal.OverviewCount(cog, band: 2) > 0);
        var info = RasterInfo.Read(cog);
        Assert.Equal(["dx", "dy"], info.Bands.Select(b => b.Description));
        Assert.All(info.Bands, b => Assert.True(b.NoData is { } v && double.IsNaN(v)));
        Assert.All(info.Bands, b => Assert.Equal((256, 256), (b.BlockWidth, b.BlockHeight)));
        Assert.Equal(georef.GeoTransform, info.GeoTransform);
        Assert.Equal(georef.Projection, info.Projection);

        using var readDx = GdalAmplitudeSource.Open(cog);
        using var readDy = GdalAmplitudeSource.Open(cog, new AmplitudeReadOptions { Band = 2 });
        Assert.Equal(dx, readDx.ReadImage().Pixels);
        Assert.Equal(dy, readDy.ReadImage().Pixels);
    }

    [Fact]
    public void Missing_source_is_an_input_error_and_leaves_no_output()
    {
        using var temp = new TempDir();
        string missing = temp.File("missing.tif");
        var error = Assert.Throws<RasterInputException>(() => CloudOptimizedGeoTiff.Write(missing, temp.File("cog.tif")));
        Assert.Contains(missing, error.Message);
        Assert.Empty(temp.Entries());
    }
}
