using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Grains.Contracts;
using GeoFlowNetSar.Pipeline.Scenes;
using GeoFlowNetSar.Pipeline.Stitching;

namespace GeoFlowNetSar.Cluster.Tests;

[Collection(AzuriteClusterCollection.Name)]
public sealed class AzuriteClusterTests(AzuriteCluster cluster)
{
    // One test: it ends by stopping the collection's Azurite.
    [Fact]
    public async Task Blobs_in_azurite_give_the_embedded_mosaic_and_an_outage_fails_the_scene_with_the_reason()
    {
        var (pre, post) = SceneInputs.Speckle(256, 192, seed: 11);
        await cluster.PutRasterAsync("inputs/az/pre.tif", pre);
        await cluster.PutRasterAsync("inputs/az/post.tif", post);
        var request = new SceneRequest
        {
            SceneId = "azurite", PreBlob = "inputs/az/pre.tif", PostBlob = "inputs/az/post.tif", Window = 64, Step = 16, ChunkSize = 96,
        };

        var status = await cluster.RunAsync(request);

        Assert.True(status.State == SceneState.Done, status.Reason);
        var bands = await cluster.ReadRasterAsync(SceneLayout.Result("azurite", SceneLayout.MosaicName), 2);
        using var estimator = EstimatorCatalog.Default.Create("frequency", new EstimatorSettings(64, 16, Threads: 1));
        var expected = new InMemoryDisplacementSink(256, 192, DisplacementBands.Names(false));
        ScenePipeline.Run(new InMemoryAmplitudeSource(pre), new InMemoryAmplitudeSource(post), estimator, expected,
            new SceneOptions(new MosaicOptions(), ChunkSize: 96));
        Assert.True(DisplacementMetrics.MaxAbsDifference(bands[0].Pixels, expected.Band("dx").Pixels) <= 1e-6);
        Assert.True(DisplacementMetrics.MaxAbsDifference(bands[1].Pixels, expected.Band("dy").Pixels) <= 1e-6);

        cluster.Azurite.Dispose();
        var outage = await cluster.RunAsync(request with { SceneId = "azurite-down" }, TimeSpan.FromSeconds(90));

        Assert.Equal(SceneState.Failed, outage.State);
        Assert.Contains("unavailable", outage.Reason);
        Assert.Contains("127.0.0.1", outage.Reason);
    }
}
