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

    [Fact]
    public async Task Resubmitting_a_half_finished_scene_computes_only_its_unfinished_tiles()
    {
        var (pre, post) = SceneInputs.Speckle(288, 224, seed: 29);
        await cluster.PutRasterAsync("inputs/half/pre.tif", pre);
        await cluster.PutRasterAsync("inputs/half/post.tif", post);
        var request = new SceneRequest
        {
            SceneId = "half-finished", PreBlob = "inputs/half/pre.tif", PostBlob = "inputs/half/post.tif",
            Method = TestEstimators.SlowFrequency, Window = 64, Step = 16, ChunkSize = 96,
        };
        var scene = cluster.Client.GetGrain<ISceneGrain>(request.SceneId);
        await scene.Submit(request);
        var running = await cluster.WaitAsync(request.SceneId, s => s.IsFinished || s.TilesDone >= 2);
        Assert.False(running.IsFinished, $"finished before it could be cancelled: {running.State}");
        Assert.Equal(SceneState.Cancelled, (await scene.Cancel()).State);
        // Tiles cancelled mid-chunk stop at their next batch; wait until nothing moves any more.
        var finished = await StableAsync(() => ResumptionTests.FinishedChunksAsync(cluster.Store, request.SceneId));
        long windowsBefore = cluster.Windows.Windows;

        var second = await cluster.RunAsync(request);

        Assert.True(second.State == SceneState.Done, second.Reason);
        Assert.InRange(finished.Count, 1, second.TilesTotal - 1);
        Assert.Equal(finished.Count, second.TilesReused);
        var report = await cluster.ReadReportAsync(request.SceneId);
        Assert.Equal(finished, report.TileDetails.Where(t => t.Reused).Select(t => t.Chunk).ToHashSet());
        var computed = report.TileDetails.Where(t => !t.Reused).ToArray();
        Assert.Equal(second.TilesTotal - finished.Count, computed.Length);
        Assert.Equal(computed.Sum(t => t.Windows), cluster.Windows.Windows - windowsBefore);
    }

    private async Task<HashSet<int>> StableAsync(Func<Task<HashSet<int>>> read)
    {
        var last = await read();
        long windows = cluster.Windows.Windows;
        for (int quiet = 0; quiet < 8; )
        {
            await Task.Delay(250);
            var now = await read();
            long nowWindows = cluster.Windows.Windows;
            quiet = now.SetEquals(last) && nowWindows == windows ? quiet + 1 : 0;
            (last, windows) = (now, nowWindows);
        }
        return last;
    }
}
