using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Raster.Tests.Support;

namespace GeoFlowNetSar.Raster.Tests.Reading;

/// <summary>The Sentinel-1 IW SLC fixture: full-size 22694×13509 measurement whose pixels are all zero.</summary>
public class SafeProductTests
{
    [Theory]
    [InlineData("folder")]
    [InlineData("manifest")]
    [InlineData("measurement")]
    [InlineData("subdataset")]
    public void Opens_every_way_of_naming_the_product(string how)
    {
        var (path, options) = how switch
        {
            "folder" => (SharedData.SafeFolder, AmplitudeReadOptions.Default),
            "manifest" => (SharedData.SafeManifest, AmplitudeReadOptions.Default),
            "measurement" => (SharedData.SafeMeasurement, AmplitudeReadOptions.Default),
            _ => (SharedData.SafeFolder, new AmplitudeReadOptions { Subdataset = "iw1_vv" }),
        };
        using var source = GdalAmplitudeSource.Open(path, options);
        Assert.Equal((22694, 13509), (source.Width, source.Height));
        Assert.True(source.DataType.IsComplex());
        Assert.Equal(new PixelSpacing(2.329562, 13.95, PixelSpacingSource.SafeAnnotation), source.Info.PixelSpacing);
        var window = new float[128 * 128];
        window.AsSpan().Fill(float.NaN);
        source.Read(new PixelRect(22694 - 128, 13509 - 128, 128, 128), window);
        Assert.All(window, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Streams_windows_of_the_full_swath_without_loading_it()
    {
        using var source = GdalAmplitudeSource.Open(SharedData.SafeMeasurement);
        var windows = new[]
        {
            new PixelRect(0, 0, 1024, 1024),
            new PixelRect(11000, 6500, 1024, 1024),
            new PixelRect(22694 - 1024, 13509 - 1024, 1024, 1024),
            new PixelRect(0, 13509 - 3, 22694, 3),
        };
        var buffer = new float[1024 * 1024];
        long allocated = 0;
        foreach (var rect in windows)
        {
            var target = buffer.AsSpan(0, (int)rect.Area);
            target.Fill(float.NaN);
            long before = GC.GetAllocatedBytesForCurrentThread();
            source.Read(rect, target);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(-1, target.IndexOfAnyExcept(0f));
        }
        // The whole swath as CFloat32 would be 22694·13509·8 B ≈ 2.45 GB; the reader stages at most 16 MB.
        Assert.True(allocated < 64L << 20, $"allocated {allocated} bytes");
    }
}
