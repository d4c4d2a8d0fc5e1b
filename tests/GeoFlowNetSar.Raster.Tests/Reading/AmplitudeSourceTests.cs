using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Raster.Tests.Support;
using GeoFlowNetSar.Raster.Writing;

namespace GeoFlowNetSar.Raster.Tests.Reading;

public class AmplitudeSourceTests
{
    [Fact]
    public void Real_band_reads_as_stored()
    {
        using var source = GdalAmplitudeSource.Open(SharedData.BigEarthNetDb);
        Assert.Equal((120, 120), (source.Width, source.Height));
        Assert.Equal(RasterDataType.Float32, source.DataType);
        var image = source.ReadImage();
        // gdal: ReadAsArray()[10, 20] and [100, 50]
        Assert.Equal(-16.121988f, image[20, 10]);
        Assert.Equal(-9.722928f, image[50, 100]);
        Assert.Equal(RawGdal.ReadFloat32(SharedData.BigEarthNetDb, new PixelRect(0, 0, 120, 120)), image.Pixels);
    }

    [Fact]
    public void Decibels_become_linear_amplitude()
    {
        using var source = GdalAmplitudeSource.Open(SharedData.PyroSarDb, new AmplitudeReadOptions { InputIsDecibels = true });
        var rect = new PixelRect(0, 0, 268, 217);
        var amplitude = source.ReadImage(rect);
        float[] decibels = RawGdal.ReadFloat32(SharedData.PyroSarDb, rect);

        Assert.Equal(-7.5163083f, decibels[10 * 268 + 20]);
        AssertRelative(Math.Pow(10, -7.5163083 / 20), amplitude[20, 10]);
        AssertRelative(0.420905, amplitude[20, 10], 1e-5);
        for (int i = 0; i < decibels.Length; i++)
            AssertRelative(Math.Pow(10, decibels[i] / 20.0), amplitude.Pixels[i]);
    }

    [Fact]
    public void Window_equals_the_same_crop_of_the_whole()
    {
        using var source = GdalAmplitudeSource.Open(SharedData.PyroSarDb, new AmplitudeReadOptions { InputIsDecibels = true });
        var whole = source.ReadImage();
        var window = new PixelRect(37, 101, 64, 45);
        Assert.Equal(whole.Crop(window).Pixels, source.ReadImage(window).Pixels);
    }

    [Fact]
    public void Complex_hdf5_reads_as_magnitude()
    {
        string name = SharedData.Hdf5Subdataset(SharedData.Uavsar129);
        using var source = GdalAmplitudeSource.Open(name);
        Assert.Equal((200, 150), (source.Width, source.Height));
        Assert.Equal(RasterDataType.CFloat32, source.DataType);
        var rect = new PixelRect(0, 0, 200, 150);
        var amplitude = source.ReadImage(rect);
        float[] complex = RawGdal.ReadComplex(name, rect);

        // gdal: ReadAsArray()[20, 10] = 0.93339247-0.22322333j, |z| = 0.9597136
        int at = 20 * 200 + 10;
        Assert.Equal((0.93339247f, -0.22322333f), (complex[2 * at], complex[2 * at + 1]));
        AssertRelative(0.9597136, amplitude[10, 20]);
        for (int i = 0; i < amplitude.Pixels.Length; i++)
            AssertRelative(Math.Sqrt((double)complex[2 * i] * complex[2 * i] + (double)complex[2 * i + 1] * complex[2 * i + 1]), amplitude.Pixels[i]);
    }

    [Fact]
    public void Complex_hdf5_chosen_by_subdataset_option()
    {
        using var source = GdalAmplitudeSource.Open(SharedData.Uavsar138, new AmplitudeReadOptions { Subdataset = "frequencyA/HH" });
        Assert.Equal((400, 150), (source.Width, source.Height));
        Assert.Equal(SharedData.Uavsar138, source.Path);
        Assert.Equal(SharedData.Hdf5Subdataset(SharedData.Uavsar138), source.Name);
        var amplitude = source.ReadImage(new PixelRect(10, 20, 1, 1));
        // gdal: ReadAsArray()[20, 10] = -0.025633836+0.18423277j
        AssertRelative(0.18600754, amplitude.Pixels[0]);
    }

    [Theory]
    [InlineData(RasterDataType.CInt16)]
    [InlineData(RasterDataType.CInt32)]
    [InlineData(RasterDataType.CFloat32)]
    [InlineData(RasterDataType.CFloat64)]
    public void Every_complex_type_reads_as_magnitude(RasterDataType type)
    {
        using var temp = new TempDir();
        string path = temp.File($"{type}.tif");
        const int width = 7, height = 5;
        var interleaved = new float[2 * width * height];
        for (int i = 0; i < width * height; i++)
        {
            // 3-4-5 triangles scaled by the pixel index, sign flips on odd pixels; integers survive CInt16 exactly.
            interleaved[2 * i] = (i % 2 == 0 ? 3 : -3) * i;
            interleaved[2 * i + 1] = 4 * i;
        }
        GeoTiffWriter.WriteComplex(path, width, height, type, interleaved);

        using var source = GdalAmplitudeSource.Open(path);
        Assert.Equal(type, source.DataType);
        var amplitude = source.ReadImage();
        for (int i = 0; i < width * height; i++)
            Assert.Equal(5f * i, amplitude.Pixels[i]);
    }

    [Fact]
    public void Nodata_can_become_nan()
    {
        using var temp = new TempDir();
        string path = temp.File("db-with-nodata.tif");
        GeoTiffWriter.WriteFloat32(path, 3, 1, [[-99f, 0f, -20f]], noData: -99);

        using (var kept = GdalAmplitudeSource.Open(path, new AmplitudeReadOptions { InputIsDecibels = true }))
        {
            float[] values = kept.ReadImage().Pixels;
            AssertRelative(Math.Pow(10, -99 / 20.0), values[0]);
            Assert.Equal([1f, 0.1f], values[1..]);
        }

        using var masked = GdalAmplitudeSource.Open(path, new AmplitudeReadOptions { InputIsDecibels = true, NoDataAsNaN = true });
        float[] maskedValues = masked.ReadImage().Pixels;
        Assert.True(float.IsNaN(maskedValues[0]));
        Assert.Equal([1f, 0.1f], maskedValues[1..]);
    }

    [Fact]
    public void Concurrent_reads_of_one_source_are_safe()
    {
        string name = SharedData.Hdf5Subdataset(SharedData.Uavsar138);
        using var source = GdalAmplitudeSource.Open(name);
        var whole = source.ReadImage();
        var windows = Enumerable.Range(0, 64).Select(i => new PixelRect(i * 5 % 336, i * 7 % 86, 64, 64)).ToArray();
        Parallel.ForEach(windows, new ParallelOptions { MaxDegreeOfParallelism = 4 }, rect =>
        {
            var buffer = new float[rect.Area];
            source.Read(rect, buffer);
            Assert.Equal(whole.Crop(rect).Pixels, buffer);
        });
    }

    [Fact]
    public void Read_arguments_are_checked()
    {
        using var source = GdalAmplitudeSource.Open(SharedData.BigEarthNetDb);
        Assert.Throws<ArgumentOutOfRangeException>(() => source.Read(new PixelRect(100, 0, 21, 1), new float[21]));
        Assert.Throws<ArgumentOutOfRangeException>(() => source.Read(new PixelRect(-1, 0, 2, 1), new float[2]));
        Assert.Throws<ArgumentException>(() => source.Read(new PixelRect(0, 0, 10, 10), new float[99]));
        source.Read(new PixelRect(5, 5, 0, 0), Span<float>.Empty);
        source.Dispose();
        Assert.Throws<ObjectDisposedException>(() => source.Read(new PixelRect(0, 0, 1, 1), new float[1]));
    }

    [Fact]
    public void Info_is_available_from_the_source()
    {
        using var source = GdalAmplitudeSource.Open(SharedData.PyroSarDb);
        Assert.Equal(new PixelSpacing(20, 20, PixelSpacingSource.GeoTransform), source.Info.PixelSpacing);
        Assert.Equal(source.Width, source.Info.Width);
    }

    private static void AssertRelative(double expected, float actual, double tolerance = 1e-6) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected}, got {actual}");
}
