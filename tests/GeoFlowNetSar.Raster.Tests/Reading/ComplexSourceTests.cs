using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Raster.Tests.Support;
using GeoFlowNetSar.Raster.Writing;

namespace GeoFlowNetSar.Raster.Tests.Reading;

public class ComplexSourceTests
{
    private static (float[] Re, float[] Im) ReadPlanes(GdalComplexSource source, PixelRect rect)
    {
        var re = new float[rect.Area];
        var im = new float[rect.Area];
        source.Read(rect, re, im);
        return (re, im);
    }

    [Fact]
    public void Uavsar_slc_reads_GDALs_own_samples_and_its_magnitude_is_the_amplitude_source()
    {
        string name = SharedData.Hdf5Subdataset(SharedData.Uavsar129);
        using var source = GdalComplexSource.Open(name);
        using var amplitude = GdalAmplitudeSource.Open(name);
        Assert.Equal((200, 150), (source.Width, source.Height));
        Assert.Equal(RasterDataType.CFloat32, source.DataType);
        Assert.Equal(name, source.Name);
        var rect = new PixelRect(0, 0, 200, 150);
        var (re, im) = ReadPlanes(source, rect);
        float[] gdal = RawGdal.ReadComplex(name, rect);

        // gdal: ReadAsArray()[20, 10] = 0.93339247-0.22322333j; ReadAsArray()[149, 199] is the last sample.
        int at = 20 * 200 + 10;
        Assert.Equal((0.93339247f, -0.22322333f), (re[at], im[at]));
        for (int i = 0; i < re.Length; i++)
            Assert.True(re[i] == gdal[2 * i] && im[i] == gdal[2 * i + 1], $"sample {i}: ({re[i]}, {im[i]}) vs GDAL ({gdal[2 * i]}, {gdal[2 * i + 1]})");
        // The amplitude source's |z| of the same band, bit for bit (both compute √(re² + im²) in double).
        var magnitude = re.Zip(im, (r, j) => (float)Math.Sqrt((double)r * r + (double)j * j)).ToArray();
        Assert.Equal(amplitude.ReadImage(rect).Pixels, magnitude);
        Assert.True(magnitude.Average() > 0.1, "a real SLC is not all zeros");
    }

    [Fact]
    public void Window_equals_the_same_crop_of_the_whole_and_the_subdataset_option_works()
    {
        using var source = GdalComplexSource.Open(SharedData.Uavsar138, new AmplitudeReadOptions { Subdataset = "frequencyA/HH" });
        Assert.Equal((400, 150), (source.Width, source.Height));
        Assert.Equal(SharedData.Hdf5Subdataset(SharedData.Uavsar138), source.Name);
        var (re, im) = ReadPlanes(source, new PixelRect(0, 0, 400, 150));
        var window = new PixelRect(137, 41, 65, 33);
        var (wr, wi) = ReadPlanes(source, window);
        for (int y = 0; y < window.Height; y++)
            for (int x = 0; x < window.Width; x++)
            {
                int whole = (window.Y + y) * 400 + window.X + x, part = y * window.Width + x;
                Assert.Equal((re[whole], im[whole]), (wr[part], wi[part]));
            }
        // gdal: ReadAsArray()[20, 10] = -0.025633836+0.18423277j
        Assert.Equal((-0.025633836f, 0.18423277f), (re[20 * 400 + 10], im[20 * 400 + 10]));
    }

    [Theory]
    [InlineData(RasterDataType.CInt16)]
    [InlineData(RasterDataType.CInt32)]
    [InlineData(RasterDataType.CFloat32)]
    [InlineData(RasterDataType.CFloat64)]
    public void Every_complex_type_reads_as_stored(RasterDataType type)
    {
        using var temp = new TempDir();
        string path = temp.File($"{type}.tif");
        const int width = 9, height = 4;
        var interleaved = new float[2 * width * height];
        for (int i = 0; i < width * height; i++)
        {
            interleaved[2 * i] = (i % 3 - 1) * 7 * i;
            interleaved[2 * i + 1] = 300 - 11 * i;
        }
        GeoTiffWriter.WriteComplex(path, width, height, type, interleaved);

        using var source = GdalComplexSource.Open(path);
        Assert.Equal(type, source.DataType);
        var (re, im) = ReadPlanes(source, new PixelRect(0, 0, width, height));
        for (int i = 0; i < width * height; i++)
            Assert.Equal((interleaved[2 * i], interleaved[2 * i + 1]), (re[i], im[i]));
    }

    [Fact]
    public void Real_rasters_are_refused_naming_the_file()
    {
        var error = Assert.Throws<RasterInputException>(() => GdalComplexSource.Open(SharedData.BigEarthNetDb));
        Assert.Equal(SharedData.BigEarthNetDb, error.FileName);
        Assert.Contains(SharedData.BigEarthNetDb, error.Message);
        Assert.Contains("real samples (Float32)", error.Message);

        var db = Assert.Throws<RasterInputException>(() =>
            GdalComplexSource.Open(SharedData.Hdf5Subdataset(SharedData.Uavsar129), new AmplitudeReadOptions { InputIsDecibels = true }));
        Assert.Contains("dB input applies to real-valued backscatter only", db.Message);
    }

    [Fact]
    public void Nodata_samples_can_become_nan()
    {
        using var temp = new TempDir();
        string path = temp.File("nodata.tif");
        // (0, 0) is the declared nodata; (0, 5) shares the real part but is a valid sample.
        GeoTiffWriter.WriteComplex(path, 3, 1, RasterDataType.CFloat32, [0, 0, 0, 5, 2, -1], noData: 0);
        using (var kept = GdalComplexSource.Open(path))
        {
            var (re, im) = ReadPlanes(kept, new PixelRect(0, 0, 3, 1));
            Assert.Equal([0f, 0f, 2f], re);
            Assert.Equal([0f, 5f, -1f], im);
        }
        using var masked = GdalComplexSource.Open(path, new AmplitudeReadOptions { NoDataAsNaN = true });
        var (mr, mi) = ReadPlanes(masked, new PixelRect(0, 0, 3, 1));
        Assert.True(float.IsNaN(mr[0]) && float.IsNaN(mi[0]));
        Assert.Equal([0f, 2f], mr[1..]);
        Assert.Equal([5f, -1f], mi[1..]);
    }

    [Fact]
    public void Complex_and_amplitude_sources_of_one_hdf5_file_read_concurrently()
    {
        string name = SharedData.Hdf5Subdataset(SharedData.Uavsar138);
        using var complex = GdalComplexSource.Open(name);
        using var amplitude = GdalAmplitudeSource.Open(name);
        var whole = amplitude.ReadImage();
        var windows = Enumerable.Range(0, 48).Select(i => new PixelRect(i * 5 % 336, i * 7 % 86, 64, 64)).ToArray();
        Parallel.For(0, windows.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var rect = windows[i];
            var expected = whole.Crop(rect).Pixels;
            if (i % 2 == 0)
            {
                var (re, im) = ReadPlanes(complex, rect);
                for (int k = 0; k < re.Length; k++)
                    Assert.Equal(expected[k], (float)Math.Sqrt((double)re[k] * re[k] + (double)im[k] * im[k]));
            }
            else
            {
                var buffer = new float[rect.Area];
                amplitude.Read(rect, buffer);
                Assert.Equal(expected, buffer);
            }
        });
    }

    [Fact]
    public void Read_arguments_are_checked()
    {
        var source = GdalComplexSource.Open(SharedData.Hdf5Subdataset(SharedData.Uavsar129));
        Assert.Throws<ArgumentOutOfRangeException>(() => source.Read(new PixelRect(190, 0, 11, 1), new float[11], new float[11]));
        Assert.Throws<ArgumentException>(() => source.Read(new PixelRect(0, 0, 10, 10), new float[100], new float[99]));
        source.Read(new PixelRect(5, 5, 0, 0), Span<float>.Empty, Span<float>.Empty);
        Assert.Equal(200, source.Info.Width);
        source.Dispose();
        Assert.Throws<ObjectDisposedException>(() => source.Read(new PixelRect(0, 0, 1, 1), new float[1], new float[1]));
    }

    [Fact]
    public void In_memory_complex_source_reads_windows()
    {
        var re = Enumerable.Range(0, 12).Select(i => (float)i).ToArray();
        var im = re.Select(v => -v).ToArray();
        var source = new InMemoryComplexSource(4, 3, re, im, "m");
        var r = new float[4];
        var i = new float[4];
        source.Read(new PixelRect(1, 1, 2, 2), r, i);
        Assert.Equal([5f, 6f, 9f, 10f], r);
        Assert.Equal([-5f, -6f, -9f, -10f], i);
        Assert.Throws<ArgumentOutOfRangeException>(() => source.Read(new PixelRect(3, 0, 2, 1), r, i));
    }
}
