using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Raster.Tests.Support;

namespace GeoFlowNetSar.Raster.Tests.Reading;

public class BadInputTests
{
    [Fact]
    public void Missing_file()
    {
        string path = Path.Combine(SharedData.Directory, "no-such-scene.tif");
        var error = Assert.Throws<RasterInputException>(() => GdalAmplitudeSource.Open(path));
        Assert.Equal(path, error.FileName);
        Assert.Contains($"'{path}' does not exist", error.Message);
        Assert.Throws<RasterInputException>(() => RasterInfo.Read(path));
    }

    [Fact]
    public void Missing_file_inside_a_gdal_subdataset_name()
    {
        string name = SharedData.Hdf5Subdataset("/nowhere/missing.h5");
        var error = Assert.Throws<RasterInputException>(() => GdalAmplitudeSource.Open(name));
        Assert.Contains(name, error.Message);
    }

    [Fact]
    public void Folder_that_is_not_a_raster()
    {
        using var temp = new TempDir();
        var error = Assert.Throws<RasterInputException>(() => GdalAmplitudeSource.Open(temp.Path));
        Assert.Contains(temp.Path, error.Message);
        Assert.Contains("GDAL cannot open", error.Message);
    }

    [Fact]
    public void Truncated_tiff_fails_when_read_and_names_the_file()
    {
        using var temp = new TempDir();
        string path = temp.File("truncated.tif");
        File.Copy(SharedData.PyroSarDb, path);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
            stream.SetLength(stream.Length / 2);

        // The header and directory sit at the start, so GDAL opens it; the missing strips fail on reading.
        using var source = GdalAmplitudeSource.Open(path);
        var error = Assert.Throws<RasterInputException>(() => source.ReadImage());
        Assert.Equal(path, error.FileName);
        Assert.Contains(path, error.Message);
        Assert.Contains("corrupt or truncated", error.Message);
        Assert.Contains("TIFFReadEncodedStrip", error.Message);
    }

    [Fact]
    public void Tiff_cut_inside_its_header_fails_to_open()
    {
        using var temp = new TempDir();
        string path = temp.File("stub.tif");
        File.WriteAllBytes(path, File.ReadAllBytes(SharedData.PyroSarDb)[..100]);
        var error = Assert.Throws<RasterInputException>(() => GdalAmplitudeSource.Open(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("GDAL cannot open", error.Message);
    }

    [Fact]
    public void Zero_sized_raster_is_refused_by_gdal_with_our_file_name()
    {
        using var temp = new TempDir();
        string path = temp.File("empty.vrt");
        File.WriteAllText(path, "<VRTDataset rasterXSize=\"0\" rasterYSize=\"10\"><VRTRasterBand dataType=\"Float32\" band=\"1\"/></VRTDataset>");
        var error = Assert.Throws<RasterInputException>(() => GdalAmplitudeSource.Open(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("0 x 10", error.Message);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 0)]
    public void Zero_sized_raster_is_refused_by_our_check(int width, int height)
    {
        var error = Assert.Throws<RasterInputException>(() => RasterSize.Validate("scene.tif", width, height));
        Assert.Equal("scene.tif", error.FileName);
        Assert.Contains($"'scene.tif' is a zero-sized raster ({width}x{height})", error.Message);
        RasterSize.Validate("scene.tif", 1, 1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Band_out_of_range(int band)
    {
        var error = Assert.Throws<RasterInputException>(() => GdalAmplitudeSource.Open(SharedData.BigEarthNetDb, new AmplitudeReadOptions { Band = band }));
        Assert.Equal($"'{SharedData.BigEarthNetDb}' has 1 band(s); band {band} does not exist (bands are numbered from 1).", error.Message);
    }

    [Fact]
    public void Container_without_bands_lists_its_subdatasets()
    {
        var error = Assert.Throws<RasterInputException>(() => GdalAmplitudeSource.Open(SharedData.Uavsar129));
        Assert.Contains($"'{SharedData.Uavsar129}' has no raster bands of its own but 15 subdatasets", error.Message);
        Assert.Contains(SharedData.Hdf5Subdataset(SharedData.Uavsar129), error.Message);
        Assert.Contains(SharedData.Hdf5Subdataset(SharedData.Uavsar129, "//science/LSAR/SLC/swaths/frequencyB/HH"), error.Message);
    }

    [Fact]
    public void Subdataset_selectors_that_do_not_fit()
    {
        var none = Assert.Throws<RasterInputException>(() => GdalAmplitudeSource.Open(SharedData.Uavsar129, new AmplitudeReadOptions { Subdataset = "frequencyC" }));
        Assert.Contains("no subdataset matching 'frequencyC'", none.Message);
        Assert.Contains("//science/LSAR/SLC/swaths/frequencyA/HH", none.Message);

        var ambiguous = Assert.Throws<RasterInputException>(() => GdalAmplitudeSource.Open(SharedData.Uavsar129, new AmplitudeReadOptions { Subdataset = "/HH" }));
        Assert.Contains("'/HH' matches 2 subdatasets", ambiguous.Message);

        var flat = Assert.Throws<RasterInputException>(() => GdalAmplitudeSource.Open(SharedData.PyroSarDb, new AmplitudeReadOptions { Subdataset = "HH" }));
        Assert.Contains("has no subdatasets", flat.Message);
    }

    [Fact]
    public void Decibels_make_no_sense_for_complex_samples()
    {
        var error = Assert.Throws<RasterInputException>(() => GdalAmplitudeSource.Open(
            SharedData.Hdf5Subdataset(SharedData.Uavsar129), new AmplitudeReadOptions { InputIsDecibels = true }));
        Assert.Contains("complex samples (CFloat32)", error.Message);
    }

    [Fact]
    public void Reading_past_the_edge_names_the_raster()
    {
        using var source = GdalAmplitudeSource.Open(SharedData.BigEarthNetDb);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => source.Read(new PixelRect(0, 119, 120, 2), new float[240]));
        Assert.Contains(SharedData.BigEarthNetDb, error.Message);
    }
}
