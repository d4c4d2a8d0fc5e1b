using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Grains.Contracts;
using GeoFlowNetSar.Pipeline.Scenes;
using GeoFlowNetSar.Pipeline.Stitching;

namespace GeoFlowNetSar.Cluster.Tests;

/// <summary>DESIGN.md's strongest test: the cluster's mosaic equals the embedded pipeline's (max |diff| ≤ 1e-6, NaN alike).</summary>
[Collection(CpuClusterCollection.Name)]
public sealed class SameAnswerTests(CpuCluster cluster)
{
    [Fact]
    public async Task A_two_silo_cluster_gives_the_embedded_mosaic()
    {
        var (pre, post) = SceneInputs.Speckle(384, 320);
        // A masked corner: NaN input must come out NaN in the same places.
        for (int y = 0; y < 40; y++)
            for (int x = 0; x < 50; x++)
                pre[x, y] = float.NaN;
        await cluster.PutRasterAsync("inputs/same/pre.tif", pre);
        await cluster.PutRasterAsync("inputs/same/post.tif", post);

        var status = await cluster.RunAsync(new SceneRequest
        {
            SceneId = "same-answer",
            PreBlob = "inputs/same/pre.tif",
            PostBlob = "inputs/same/post.tif",
            Method = "frequency",
            Window = 64,
            Step = 16,
            ChunkSize = 128,
            Uncertainty = true,
        });

        Assert.True(status.State == SceneState.Done, $"{status.State}: {status.Reason}");
        Assert.Equal(9, status.TilesTotal);
        Assert.Equal(9, status.TilesDone);
        Assert.Equal(0, status.TilesReused);
        var bands = await cluster.ReadRasterAsync(SceneLayout.Result("same-answer", SceneLayout.MosaicName), 4);

        using var estimator = EstimatorCatalog.Default.Create("frequency", new EstimatorSettings(64, 16, Threads: 1));
        var expected = new InMemoryDisplacementSink(384, 320, DisplacementBands.Names(true));
        ScenePipeline.Run(new InMemoryAmplitudeSource(pre), new InMemoryAmplitudeSource(post), estimator, expected,
            new SceneOptions(new MosaicOptions(Uncertainty: true), ChunkSize: 128));

        string[] names = ["dx", "dy", "sigma_dx", "sigma_dy"];
        for (int b = 0; b < 4; b++)
        {
            double diff = DisplacementMetrics.MaxAbsDifference(bands[b].Pixels, expected.Band(names[b]).Pixels);
            Assert.True(diff <= 1e-6, $"{names[b]}: max |diff| = {diff}");
        }
        Assert.Contains(bands[0].Pixels, float.IsNaN);
        Assert.True(DisplacementMetrics.Coverage(bands[0].Pixels) > 0.9);
        var (mae, _) = DisplacementMetrics.MeanAbsoluteError(bands[0].Pixels, Enumerable.Repeat(0.37f, bands[0].Pixels.Length).ToArray());
        Assert.True(mae < 0.05, $"MAE dx = {mae}");

        var report = await cluster.ReadReportAsync("same-answer");
        Assert.Equal(9, report.Tiles);
        Assert.Equal(9, report.TilesPerSilo.Values.Sum());
        // Tiles are dealt out in turn over the two silos (SpreadTilesPlacement): 5 and 4, never most on one.
        Assert.True(report.TilesPerSilo.Count == 2 && report.TilesPerSilo.Values.All(n => n >= 4),
            $"tiles per silo: {string.Join(", ", report.TilesPerSilo)}");
        Assert.Equal(357, report.Windows);
        Assert.Contains(SceneLayout.Result("same-answer", SceneLayout.QuickLookName), status.Results);
        Assert.True((await cluster.Store.GetInfoAsync(SceneLayout.Result("same-answer", SceneLayout.QuickLookName)))!.Length > 1000);
    }

    [Theory]
    [InlineData("spatial")]
    [InlineData("ampcor")]
    public async Task The_other_correlators_give_the_embedded_mosaic_too(string method)
    {
        var (pre, post) = SceneInputs.Speckle(224, 160, seed: 21);
        await cluster.PutRasterAsync($"inputs/{method}/pre.tif", pre);
        await cluster.PutRasterAsync($"inputs/{method}/post.tif", post);

        var status = await cluster.RunAsync(new SceneRequest
        {
            SceneId = $"same-{method}", PreBlob = $"inputs/{method}/pre.tif", PostBlob = $"inputs/{method}/post.tif",
            Method = method, Window = 64, Step = 32, ChunkSize = 96,
        });

        Assert.True(status.State == SceneState.Done, $"{status.State}: {status.Reason}");
        var bands = await cluster.ReadRasterAsync(SceneLayout.Result($"same-{method}", SceneLayout.MosaicName), 2);
        using var estimator = EstimatorCatalog.Default.Create(method, new EstimatorSettings(64, 32, Threads: 1));
        var expected = new InMemoryDisplacementSink(224, 160, DisplacementBands.Names(false));
        ScenePipeline.Run(new InMemoryAmplitudeSource(pre), new InMemoryAmplitudeSource(post), estimator, expected,
            new SceneOptions(new MosaicOptions(), ChunkSize: 96));
        Assert.True(DisplacementMetrics.MaxAbsDifference(bands[0].Pixels, expected.Band("dx").Pixels) <= 1e-6);
        Assert.True(DisplacementMetrics.MaxAbsDifference(bands[1].Pixels, expected.Band("dy").Pixels) <= 1e-6);
        Assert.True(DisplacementMetrics.Coverage(bands[0].Pixels) > 0.9);
    }
}
