using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Raster.Tests.Support;
using GeoFlowNetSar.Raster.Writing;

namespace GeoFlowNetSar.Raster.Tests.Writing;

public class GeoTiffWriterTests
{
    [Fact]
    public void Writes_images_with_a_hand_made_georeference()
    {
        using var temp = new TempDir();
        string path = temp.File("pre.tif");
        var image = new FloatImage(5, 4, Enumerable.Range(0, 20).Select(i => i * 0.25f).ToArray());
        var georef = new RasterInfo
        {
            Name = "synthetic",
            Width = 5,
            Height = 4,
            GeoTransform = new GeoTransform(500000, 2.5, 0, 4000000, 0, -14),
            Projection = RasterInfo.Read(SharedData.BigEarthNetDb).Projection,
        };
        GeoTiffWriter.WriteFloat32(path, [image], georef);

        var info = RasterInfo.Read(path);
        Assert.Equal(georef.GeoTransform, info.GeoTransform);
        Assert.Equal(new PixelSpacing(2.5, 14, PixelSpacingSource.GeoTransform), info.PixelSpacing);
        Assert.Null(info.Bands[0].NoData);
        using var source = GdalAmplitudeSource.Open(path);
        Assert.Equal(image.Pixels, source.ReadImage().Pixels);
        Assert.Equal(["pre.tif"], temp.Entries());
    }

    [Fact]
    public void Rejects_bands_of_the_wrong_length_and_leaves_nothing()
    {
        using var temp = new TempDir();
        Assert.Throws<ArgumentException>(() => GeoTiffWriter.WriteFloat32(temp.File("x.tif"), 3, 3, [new float[9], new float[8]]));
        Assert.Throws<ArgumentOutOfRangeException>(() => GeoTiffWriter.WriteFloat32(temp.File("x.tif"), 0, 3, [Array.Empty<float>()]));
        Assert.Empty(temp.Entries());
    }
}
