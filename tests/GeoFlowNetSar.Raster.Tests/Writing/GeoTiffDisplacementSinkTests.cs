using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Raster.Tests.Support;
using GeoFlowNetSar.Raster.Writing;

namespace GeoFlowNetSar.Raster.Tests.Writing;

public class GeoTiffDisplacementSinkTests
{
    private const int Width = 300, Height = 200;
    private static readonly string[] FourBands = ["dx", "dy", "sigma_dx", "sigma_dy"];

    private static float Value(int band, int row, int col) => band * 1000 + row + col / 1000f - 0.5f;

    [Fact]
    public void Strips_round_trip_with_descriptions_nodata_and_georeferencing()
    {
        using var temp = new TempDir();
        string path = temp.File("OUT.tif");
        // PRE's georeferencing, on a raster of the output's size.
        var pre = RasterInfo.Read(SharedData.PyroSarDb) with { Width = Width, Height = Height };

        using (var sink = new GeoTiffDisplacementSink(path, Width, Height, FourBands, pre))
        {
            Assert.Equal(FourBands, sink.Bands);
            // Strips of uneven heights, bands interleaved, as a stitcher would deliver them.
            int[] strips = [0, 64, 128, 150, Height];
            for (int s = 0; s + 1 < strips.Length; s++)
            {
                for (int band = 0; band < 4; band++)
                {
                    int row0 = strips[s], rows = strips[s + 1] - strips[s];
                    var values = new float[rows * Width];
                    for (int r = 0; r < rows; r++)
                        for (int c = 0; c < Width; c++)
                            values[r * Width + c] = Value(band, row0 + r, c);
                    values[0] = band == 1 && s == 1 ? float.NaN : values[0];
                    sink.WriteStrip(band, row0, rows, values);
                }
            }
            Assert.False(File.Exists(path));
            Assert.True(File.Exists(sink.TemporaryPath));
            Assert.StartsWith(".OUT.tif.partial-", Path.GetFileName(sink.TemporaryPath));
            sink.Complete();
            Assert.True(sink.IsComplete);
        }

        Assert.Equal(["OUT.tif"], temp.Entries());
        var info = RasterInfo.Read(path);
        Assert.Equal((Width, Height, 4), (info.Width, info.Height, info.BandCount));
        Assert.Equal(FourBands, info.Bands.Select(b => b.Description));
        Assert.All(info.Bands, b => Assert.Equal(RasterDataType.Float32, b.DataType));
        Assert.All(info.Bands, b => Assert.True(b.NoData is { } v && double.IsNaN(v)));
        Assert.All(info.Bands, b => Assert.Equal((256, 256), (b.BlockWidth, b.BlockHeight)));
        Assert.Equal(pre.GeoTransform, info.GeoTransform);
        Assert.Equal(pre.Projection, info.Projection);
        Assert.Equal(pre.PixelSpacing, info.PixelSpacing);
        Assert.Equal("DEFLATE", RawGdal.DatasetMetadataItem(path, "COMPRESSION", "IMAGE_STRUCTURE"));
        Assert.Equal("BAND", RawGdal.DatasetMetadataItem(path, "INTERLEAVE", "IMAGE_STRUCTURE"));

        for (int band = 0; band < 4; band++)
        {
            using var source = GdalAmplitudeSource.Open(path, new AmplitudeReadOptions { Band = band + 1 });
            var image = source.ReadImage();
            for (int r = 0; r < Height; r++)
            {
                for (int c = 0; c < Width; c++)
                {
                    if (band == 1 && r == 64 && c == 0) Assert.True(float.IsNaN(image[c, r]));
                    else Assert.Equal(Value(band, r, c), image[c, r]);
                }
            }
        }
    }

    [Fact]
    public void Rows_never_written_read_as_nan()
    {
        using var temp = new TempDir();
        string path = temp.File("partial-coverage.tif");
        using (var sink = new GeoTiffDisplacementSink(path, Width, Height, DisplacementBands.Names(false)))
        {
            sink.WriteStrip(0, 10, 2, Enumerable.Repeat(1.5f, 2 * Width).ToArray());
            sink.Complete();
        }
        using var dx = GdalAmplitudeSource.Open(path);
        var image = dx.ReadImage();
        Assert.Equal(1.5f, image[299, 11]);
        Assert.True(float.IsNaN(image[0, 9]));
        Assert.True(float.IsNaN(image[299, 199]));
        using var dy = GdalAmplitudeSource.Open(path, new AmplitudeReadOptions { Band = 2 });
        Assert.All(dy.ReadImage().Pixels, v => Assert.True(float.IsNaN(v)));
        Assert.False(RasterInfo.Read(path).HasGeoreferencing);
    }

    [Fact]
    public void Dispose_without_complete_leaves_nothing()
    {
        using var temp = new TempDir();
        string path = temp.File("abandoned.tif");
        using (var sink = new GeoTiffDisplacementSink(path, Width, Height, FourBands))
        {
            sink.WriteStrip(0, 0, Height, new float[Width * Height]);
            Assert.Single(temp.Entries());
        }
        Assert.Empty(temp.Entries());
    }

    [Fact]
    public void A_disposed_sink_refuses_work()
    {
        using var temp = new TempDir();
        var sink = new GeoTiffDisplacementSink(temp.File("gone.tif"), 4, 4, ["dx"]);
        sink.Dispose();
        sink.Dispose();
        Assert.Throws<ObjectDisposedException>(() => sink.WriteStrip(0, 0, 1, new float[4]));
        Assert.Throws<ObjectDisposedException>(() => sink.Complete());
        Assert.Empty(temp.Entries());
    }

    [Fact]
    public void Complete_replaces_an_older_output_atomically()
    {
        using var temp = new TempDir();
        string path = temp.File("OUT.tif");
        File.WriteAllText(path, "old");
        using (var sink = new GeoTiffDisplacementSink(path, 4, 3, ["dx", "dy"]))
        {
            sink.WriteStrip(1, 0, 3, Enumerable.Range(0, 12).Select(i => (float)i).ToArray());
            Assert.Equal("old", File.ReadAllText(path));
            sink.Complete();
            sink.Complete();
            Assert.Throws<InvalidOperationException>(() => sink.WriteStrip(0, 0, 1, new float[4]));
        }
        using var dy = GdalAmplitudeSource.Open(path, new AmplitudeReadOptions { Band = 2 });
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (float)i), dy.ReadImage().Pixels);
        Assert.Equal(["OUT.tif"], temp.Entries());
    }

    [Fact]
    public void Gcp_georeferencing_of_a_sentinel1_measurement_is_copied()
    {
        using var temp = new TempDir();
        string path = temp.File("s1-displacement.tif");
        var pre = RasterInfo.Read(SharedData.SafeMeasurement);
        using (var sink = new GeoTiffDisplacementSink(path, pre.Width, pre.Height, ["dx", "dy"], pre))
        {
            sink.WriteStrip(0, 0, 256, new float[256 * pre.Width]);
            sink.Complete();
        }
        var info = RasterInfo.Read(path);
        Assert.Equal((22694, 13509), (info.Width, info.Height));
        Assert.Null(info.GeoTransform);
        Assert.Equal(pre.Gcps, info.Gcps);
        Assert.Contains("WGS 84", info.GcpProjection);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        using var temp = new TempDir();
        using var sink = new GeoTiffDisplacementSink(temp.File("x.tif"), 10, 5, ["dx", "dy"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => sink.WriteStrip(2, 0, 1, new float[10]));
        Assert.Throws<ArgumentOutOfRangeException>(() => sink.WriteStrip(0, 4, 2, new float[20]));
        Assert.Throws<ArgumentException>(() => sink.WriteStrip(0, 0, 2, new float[19]));
        var wrongSize = RasterInfo.Read(SharedData.BigEarthNetDb);
        Assert.Throws<ArgumentException>(() => new GeoTiffDisplacementSink(temp.File("y.tif"), 10, 5, ["dx"], wrongSize));
        Assert.Equal(["x.tif"], temp.Entries().Select(e => e.Split(".partial-")[0].TrimStart('.')).ToArray());
    }

    [Fact]
    public void Cloud_optimized_on_complete()
    {
        using var temp = new TempDir();
        string path = temp.File("mosaic.tif");
        const int size = 1024;
        var pixels = Enumerable.Range(0, size * size).Select(i => (float)(i % 977) / 977f).ToArray();
        using (var sink = new GeoTiffDisplacementSink(path, size, size, ["dx", "dy"], options: new GeoTiffSinkOptions { CloudOptimized = true }))
        {
            for (int row = 0; row < size; row += 256)
            {
                sink.WriteStrip(0, row, 256, pixels.AsSpan(row * size, 256 * size));
                sink.WriteStrip(1, row, 256, pixels.AsSpan(row * size, 256 * size));
            }
            sink.Complete();
        }
        Assert.Equal(["mosaic.tif"], temp.Entries());
        Assert.Equal("COG", RawGdal.DatasetMetadataItem(path, "LAYOUT", "IMAGE_STRUCTURE"));
        Assert.True(RawGdal.OverviewCount(path) > 0);
        Assert.Equal(["dx", "dy"], RasterInfo.Read(path).Bands.Select(b => b.Description));
        using var dy = GdalAmplitudeSource.Open(path, new AmplitudeReadOptions { Band = 2 });
        Assert.Equal(pixels, dy.ReadImage().Pixels);
    }
}
