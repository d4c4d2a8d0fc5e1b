using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Grains.Contracts;

namespace GeoFlowNetSar.Cluster.Tests;

[Collection(CpuClusterCollection.Name)]
public sealed class BadSubmissionTests(CpuCluster cluster)
{
    private async Task<SceneStatus> FailsAsync(SceneRequest request, params string[] reasonParts)
    {
        var status = await cluster.RunAsync(request, TimeSpan.FromSeconds(60));
        Assert.Equal(SceneState.Failed, status.State);
        foreach (var part in reasonParts) Assert.Contains(part, status.Reason);
        Assert.Empty(status.Results);
        Assert.Empty(await cluster.Store.ListAllAsync(SceneLayout.ResultsPrefix(request.SceneId)));
        return status;
    }

    [Fact]
    public async Task A_missing_input_blob_fails_with_its_name()
    {
        var (pre, _) = SceneInputs.Speckle(64, 64);
        await cluster.PutRasterAsync("inputs/missing/pre.tif", pre);
        await FailsAsync(new SceneRequest { SceneId = "missing-post", PreBlob = "inputs/missing/pre.tif", PostBlob = "inputs/missing/post.tif" },
            "POST", "inputs/missing/post.tif", "does not exist");
    }

    [Fact]
    public async Task Inputs_of_different_sizes_fail_with_both_sizes()
    {
        await cluster.PutRasterAsync("inputs/sizes/pre.tif", SceneInputs.Speckle(128, 96).Pre);
        await cluster.PutRasterAsync("inputs/sizes/post.tif", SceneInputs.Speckle(128, 100).Post);
        await FailsAsync(new SceneRequest { SceneId = "size-mismatch", PreBlob = "inputs/sizes/pre.tif", PostBlob = "inputs/sizes/post.tif", Window = 32 },
            "128x100", "128x96", "same grid");
    }

    [Fact]
    public async Task An_unknown_method_fails_with_the_available_ones()
    {
        await cluster.PutRasterAsync("inputs/method/pre.tif", SceneInputs.Speckle(64, 64).Pre);
        await FailsAsync(new SceneRequest { SceneId = "unknown-method", PreBlob = "inputs/method/pre.tif", PostBlob = "inputs/method/pre.tif", Method = "magic" },
            "Unknown method 'magic'", "frequency");
    }

    [Fact]
    public async Task An_unknown_coarse_mode_fails_naming_the_choices()
    {
        await cluster.PutRasterAsync("inputs/coarse/pre.tif", SceneInputs.Speckle(64, 64).Pre);
        await FailsAsync(new SceneRequest { SceneId = "bad-coarse", PreBlob = "inputs/coarse/pre.tif", PostBlob = "inputs/coarse/pre.tif", Window = 32, Coarse = "sometimes" },
            "Coarse must be auto or off", "sometimes");
    }

    [Fact]
    public async Task A_blob_that_is_not_a_raster_fails_with_its_name()
    {
        await cluster.Store.PutTextAsync("inputs/text/pre.tif", "this is not a GeoTIFF");
        await cluster.PutRasterAsync("inputs/text/post.tif", SceneInputs.Speckle(64, 64).Post);
        await FailsAsync(new SceneRequest { SceneId = "not-a-raster", PreBlob = "inputs/text/pre.tif", PostBlob = "inputs/text/post.tif", Window = 32 },
            "PRE", "inputs/text/pre.tif");
    }

    [Fact]
    public async Task A_window_larger_than_the_image_fails_before_any_tile()
    {
        var (pre, post) = SceneInputs.Speckle(64, 48);
        await cluster.PutRasterAsync("inputs/small/pre.tif", pre);
        await cluster.PutRasterAsync("inputs/small/post.tif", post);
        var status = await FailsAsync(new SceneRequest { SceneId = "window-too-large", PreBlob = "inputs/small/pre.tif", PostBlob = "inputs/small/post.tif" },
            "128-pixel window", "64x48");
        Assert.Equal(0, status.TilesDone);
    }

    [Fact]
    public async Task Cancelling_a_running_scene_stops_it_without_results()
    {
        await cluster.PutRasterAsync("inputs/slow/pre.tif", new FloatImage(256, 256));
        await cluster.PutRasterAsync("inputs/slow/post.tif", new FloatImage(256, 256));
        var scene = cluster.Client.GetGrain<ISceneGrain>("cancelled");
        await scene.Submit(new SceneRequest
        {
            SceneId = "cancelled", PreBlob = "inputs/slow/pre.tif", PostBlob = "inputs/slow/post.tif",
            Method = TestEstimators.Slow, ChunkSize = 64,
        });
        await cluster.WaitAsync("cancelled", s => s.State == SceneState.Running && s.TilesDone >= 1, TimeSpan.FromSeconds(60));

        var cancelled = await scene.Cancel();

        Assert.Equal(SceneState.Cancelled, cancelled.State);
        Assert.True(cancelled.TilesDone < cancelled.TilesTotal, $"{cancelled.TilesDone} of {cancelled.TilesTotal}");
        Assert.Equal(SceneState.Cancelled, (await scene.GetStatus()).State);
        Assert.Empty(await cluster.Store.ListAllAsync(SceneLayout.ResultsPrefix("cancelled")));
    }

    [Fact]
    public async Task A_failing_tile_is_retried_and_the_scene_still_finishes()
    {
        await cluster.PutRasterAsync("inputs/flaky/pre.tif", SceneInputs.Speckle(96, 96).Pre);
        await cluster.PutRasterAsync("inputs/flaky/post.tif", SceneInputs.Speckle(96, 96).Post);
        Interlocked.Exchange(ref TestEstimators.FlakyFailuresLeft, 2);
        var status = await cluster.RunAsync(new SceneRequest
        {
            SceneId = "flaky", PreBlob = "inputs/flaky/pre.tif", PostBlob = "inputs/flaky/post.tif", Method = TestEstimators.Flaky, ChunkSize = 48,
        });
        Assert.True(status.State == SceneState.Done, status.Reason);
        Assert.Equal(2, status.TileRetries);
    }

    [Fact]
    public async Task A_tile_failing_every_attempt_fails_the_scene_with_the_error()
    {
        await cluster.PutRasterAsync("inputs/broken/pre.tif", SceneInputs.Speckle(64, 64).Pre);
        await cluster.PutRasterAsync("inputs/broken/post.tif", SceneInputs.Speckle(64, 64).Post);
        Interlocked.Exchange(ref TestEstimators.FlakyFailuresLeft, 1000);
        try
        {
            await FailsAsync(new SceneRequest
            {
                SceneId = "broken", PreBlob = "inputs/broken/pre.tif", PostBlob = "inputs/broken/post.tif", Method = TestEstimators.Flaky, ChunkSize = 64,
            }, "failed 3 time(s)", "simulated estimator failure");
        }
        finally
        {
            Interlocked.Exchange(ref TestEstimators.FlakyFailuresLeft, 0);
        }
    }
}
