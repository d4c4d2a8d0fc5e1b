using GeoFlowNetSar.Grains.Contracts;

namespace GeoFlowNetSar.Cluster.Tests;

[Collection(CpuClusterCollection.Name)]
public sealed class IdempotenceTests(CpuCluster cluster)
{
    private SceneRequest Request(string sceneId, int step = 32) => new()
    {
        SceneId = sceneId, PreBlob = "inputs/idem/pre.tif", PostBlob = "inputs/idem/post.tif",
        Method = "frequency", Window = 64, Step = step, ChunkSize = 96,
    };

    [Fact]
    public async Task Resubmitting_a_finished_scene_recomputes_no_tile_and_gives_the_same_mosaic()
    {
        var (pre, post) = SceneInputs.Speckle(256, 224, seed: 5);
        await cluster.PutRasterAsync("inputs/idem/pre.tif", pre);
        await cluster.PutRasterAsync("inputs/idem/post.tif", post);

        var first = await cluster.RunAsync(Request("idem"));
        Assert.True(first.State == SceneState.Done, first.Reason);
        Assert.Equal(0, first.TilesReused);
        var firstBands = await cluster.ReadRasterAsync(SceneLayout.Result("idem", SceneLayout.MosaicName), 2);
        var accumulators = await cluster.Store.ListAllAsync(SceneLayout.ScenePrefix("idem"));

        var second = await cluster.RunAsync(Request("idem"));

        Assert.True(second.State == SceneState.Done, second.Reason);
        Assert.Equal(first.TilesTotal, second.TilesTotal);
        Assert.Equal(second.TilesTotal, second.TilesReused);
        var report = await cluster.ReadReportAsync("idem");
        Assert.Equal(report.Tiles, report.TilesReused);
        Assert.All(report.TileDetails, t => Assert.True(t.Reused));
        Assert.Equal(first.TilesTotal, report.TileDetails.Length);
        // Nothing was rewritten: same blobs, same sizes and times.
        Assert.Equal(accumulators, await cluster.Store.ListAllAsync(SceneLayout.ScenePrefix("idem")));
        var secondBands = await cluster.ReadRasterAsync(SceneLayout.Result("idem", SceneLayout.MosaicName), 2);
        Assert.Equal(firstBands[0].Pixels, secondBands[0].Pixels);
        Assert.Equal(firstBands[1].Pixels, secondBands[1].Pixels);
    }

    [Fact]
    public async Task Other_settings_are_never_served_from_old_tiles()
    {
        var (pre, post) = SceneInputs.Speckle(256, 224, seed: 5);
        await cluster.PutRasterAsync("inputs/idem/pre.tif", pre);
        await cluster.PutRasterAsync("inputs/idem/post.tif", post);
        var first = await cluster.RunAsync(Request("idem-settings", step: 32));
        var second = await cluster.RunAsync(Request("idem-settings", step: 16));
        Assert.True(first.State == SceneState.Done && second.State == SceneState.Done, $"{first.Reason} {second.Reason}");
        Assert.Equal(0, second.TilesReused);
        Assert.Equal(16, (await cluster.ReadReportAsync("idem-settings")).Step);
    }
}
