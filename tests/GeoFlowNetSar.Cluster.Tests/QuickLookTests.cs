using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Grains.Services;

namespace GeoFlowNetSar.Cluster.Tests;

public sealed class QuickLookTests
{
    [Fact]
    public void The_preview_averages_blocks_ignores_nan_and_passes_everything_through()
    {
        using var inner = new InMemoryDisplacementSink(10, 6, DisplacementBands.Names(false));
        using var sink = new QuickLookSink(inner, maxSize: 16);
        Assert.Equal(1, sink.Factor);
        var dx = Enumerable.Range(0, 60).Select(i => (float)(i / 10)).ToArray();
        dx[0] = float.NaN;
        sink.WriteStrip(0, 0, 6, dx);
        sink.WriteStrip(1, 0, 6, new float[60]);
        Assert.Equal(dx, inner.Band("dx").Pixels);
        var preview = sink.Preview(0);
        Assert.True(double.IsNaN(preview[0, 0]));
        Assert.Equal(5.0, preview[5, 9]);

        using var wide = new QuickLookSink(new InMemoryDisplacementSink(1000, 100, DisplacementBands.Names(false)), maxSize: 100);
        Assert.Equal(10, wide.Factor);
        wide.WriteStrip(0, 0, 100, Enumerable.Range(0, 100_000).Select(i => (float)(i % 1000)).ToArray());
        Assert.Equal(4.5, wide.Preview(0)[3, 0]);
        Assert.Equal((100, 10), (wide.PreviewWidth, wide.PreviewHeight));
    }

    [Fact]
    public void A_png_is_rendered()
    {
        using var inner = new InMemoryDisplacementSink(200, 120, DisplacementBands.Names(false));
        using var sink = new QuickLookSink(inner, maxSize: 64);
        // dx grows downwards, dy to the right: in the picture the top rows of the left panel are dark.
        sink.WriteStrip(0, 0, 120, Enumerable.Range(0, 24_000).Select(i => (float)(i / 200) / 120f).ToArray());
        sink.WriteStrip(1, 0, 120, Enumerable.Range(0, 24_000).Select(i => (float)(i % 200) / 200f).ToArray());
        string path = Path.Combine(Path.GetTempPath(), $"quicklook-{Guid.NewGuid():N}.png");
        try
        {
            QuickLookRenderer.Render(sink, "px", "test", path);
            var bytes = File.ReadAllBytes(path);
            Assert.True(bytes.Length > 1000);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("GEOFLOWNET_KEEP_QUICKLOOK") is { } keep) File.Copy(path, keep, overwrite: true);
            File.Delete(path);
        }
    }
}
