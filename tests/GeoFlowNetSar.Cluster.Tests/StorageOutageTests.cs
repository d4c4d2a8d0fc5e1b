using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Grains.Contracts;
using GeoFlowNetSar.Pipeline.Scenes;
using GeoFlowNetSar.Pipeline.Stitching;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Cluster.Tests;

/// <summary>
/// Azurite stopped for 10 s in the middle of a scene and restarted on the same port and data: the blob store's retry
/// policy (the shipped defaults of <see cref="AzureBlobStoreOptions"/>) rides it out, no tile even needs a retry of its
/// own, and the mosaic is the embedded one.
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_ten_second_blob_storage_outage_mid_scene_costs_time_not_the_scene()
    {
        await using var cluster = new OutageCluster();
        await cluster.InitializeAsync();
        var (pre, post) = SceneInputs.Speckle(288, 224, seed: 31);
        await cluster.PutRasterAsync("inputs/outage/pre.tif", pre);
        await cluster.PutRasterAsync("inputs/outage/post.tif", post);
        var request = new SceneRequest
        {
            SceneId = "outage", PreBlob = "inputs/outage/pre.tif", PostBlob = "inputs/outage/post.tif",
            Method = TestEstimators.SlowFrequency, Window = 64, Step = 16, ChunkSize = 96,
        };
        await cluster.Client.GetGrain<ISceneGrain>(request.SceneId).Submit(request);
        var before = await cluster.WaitAsync(request.SceneId, s => s.IsFinished || s.TilesDone >= 1);
        Assert.False(before.IsFinished, $"finished before the outage: {before.State} {before.Reason}");

        var outage = System.Diagnostics.Stopwatch.StartNew();
        cluster.Azurite.Stop();
        await Task.Delay(TimeSpan.FromSeconds(10));
        var during = await cluster.Client.GetGrain<ISceneGrain>(request.SceneId).GetStatus();
        cluster.Azurite.Restart();
        output.WriteLine($"restarted after {outage.Elapsed.TotalSeconds:F1} s; outage from {before.TilesDone}/{before.TilesTotal} to {during.TilesDone}/{during.TilesTotal} tiles ({during.State})");
        Assert.False(during.IsFinished, $"{during.State} during the outage: {during.Reason}");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var status = await cluster.WaitAsync(request.SceneId, s => s.IsFinished, TimeSpan.FromSeconds(90));
        output.WriteLine($"{status.State} {clock.Elapsed.TotalSeconds:F1} s after the restart");

        Assert.True(status.State == SceneState.Done, $"{status.State}: {status.Reason}");
        Assert.Equal(0, status.TileRetries);
        var bands = await cluster.ReadRasterAsync(SceneLayout.Result(request.SceneId, SceneLayout.MosaicName), 2);
        using var estimator = EstimatorCatalog.Default.Create("frequency", new EstimatorSettings(64, 16, Threads: 1));
        var expected = new InMemoryDisplacementSink(288, 224, DisplacementBands.Names(false));
        ScenePipeline.Run(new InMemoryAmplitudeSource(pre), new InMemoryAmplitudeSource(post), estimator, expected,
            new SceneOptions(new MosaicOptions(), ChunkSize: 96));
        Assert.True(DisplacementMetrics.MaxAbsDifference(bands[0].Pixels, expected.Band("dx").Pixels) <= 1e-6);
        Assert.True(DisplacementMetrics.MaxAbsDifference(bands[1].Pixels, expected.Band("dy").Pixels) <= 1e-6);
    }

    /// <summary>Both silos cpu; blobs in an Azurite that keeps its data on disk, reached with the default retry policy.</summary>
    private sealed class OutageCluster : TwoSiloCluster, IAsyncDisposable
    {
        private readonly string _data = Directory.CreateTempSubdirectory("geoflownet-azurite-").FullName;

        public OutageCluster() => Azurite = GeoFlowNetSar.Storage.Tests.AzuriteServer.WithDataIn(_data);

        public GeoFlowNetSar.Storage.Tests.AzuriteServer Azurite { get; }

        public override string RoleOf(string siloName) => SiloRoles.Cpu;

        protected override bool WithGpuMethod => false;

        protected override IBlobStore CreateStore(string folder) =>
            new AzureBlobStore(new AzureBlobStoreOptions { ConnectionString = Azurite.ConnectionString, Container = "outage", TransferBlockBytes = 256 << 10 });

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            Azurite.Dispose();
            try
            {
                Directory.Delete(_data, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
    }
}
