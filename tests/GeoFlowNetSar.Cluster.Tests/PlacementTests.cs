using System.Diagnostics;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Grains.Contracts;

namespace GeoFlowNetSar.Cluster.Tests;

[Collection(SplitRoleClusterCollection.Name)]
public sealed class PlacementTests(SplitRoleCluster cluster)
{
    [Fact]
    public async Task Correlator_tiles_run_only_on_the_cpu_silo_and_gpu_tiles_only_on_the_gpu_silo()
    {
        var (pre, post) = SceneInputs.Speckle(256, 192, seed: 3);
        await cluster.PutRasterAsync("inputs/placement/pre.tif", pre);
        await cluster.PutRasterAsync("inputs/placement/post.tif", post);

        var correlator = await cluster.RunAsync(new SceneRequest
        {
            SceneId = "placement-frequency", PreBlob = "inputs/placement/pre.tif", PostBlob = "inputs/placement/post.tif",
            Method = "frequency", Window = 64, Step = 32, ChunkSize = 64,
        });
        var dense = await cluster.RunAsync(new SceneRequest
        {
            SceneId = "placement-dense", PreBlob = "inputs/placement/pre.tif", PostBlob = "inputs/placement/post.tif",
            Method = TestEstimators.Dense, ChunkSize = 64,
        });

        Assert.True(correlator.State == SceneState.Done, correlator.Reason);
        Assert.True(dense.State == SceneState.Done, dense.Reason);
        var cpuReport = await cluster.ReadReportAsync("placement-frequency");
        var gpuReport = await cluster.ReadReportAsync("placement-dense");
        Assert.True(cpuReport.Tiles >= 8, $"only {cpuReport.Tiles} tiles");
        Assert.True(gpuReport.Tiles >= 8, $"only {gpuReport.Tiles} tiles");
        Assert.All(cpuReport.TileDetails, t => Assert.Equal(("Silo_1", SiloRoles.Cpu), (t.Silo, t.Role)));
        Assert.All(gpuReport.TileDetails, t => Assert.Equal(("Silo_0", SiloRoles.Gpu), (t.Silo, t.Role)));
        Assert.Equal(new Dictionary<string, int> { ["Silo_1"] = cpuReport.Tiles }, correlator.TilesPerSilo);
        Assert.Equal("test-weights-1", gpuReport.ModelHash);

        // The dense stand-in gives dx = 0.125, dy = -0.75 everywhere.
        var bands = await cluster.ReadRasterAsync(SceneLayout.Result("placement-dense", SceneLayout.MosaicName), 2);
        Assert.All(bands[0].Pixels, v => Assert.Equal(0.125f, v));
        Assert.All(bands[1].Pixels, v => Assert.Equal(-0.75f, v));
    }
}

[Collection(CpuClusterCollection.Name)]
public sealed class MissingRoleTests(CpuCluster cluster)
{
    [Fact]
    public async Task A_unet_scene_without_a_gpu_silo_fails_fast_with_the_reason()
    {
        var (pre, post) = SceneInputs.Speckle(64, 64);
        await cluster.PutRasterAsync("inputs/nogpu/pre.tif", pre);
        await cluster.PutRasterAsync("inputs/nogpu/post.tif", post);
        var clock = Stopwatch.StartNew();

        var status = await cluster.RunAsync(new SceneRequest
        {
            SceneId = "no-gpu", PreBlob = "inputs/nogpu/pre.tif", PostBlob = "inputs/nogpu/post.tif", Method = "unet",
        });

        Assert.Equal(SceneState.Failed, status.State);
        Assert.Contains("role=gpu", status.Reason);
        Assert.Contains("unet", status.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
        Assert.Empty(await cluster.Store.ListAllAsync(SceneLayout.ResultsPrefix("no-gpu")));
        Assert.Empty(await cluster.Store.ListAllAsync(SceneLayout.ScenePrefix("no-gpu")));
    }
}
