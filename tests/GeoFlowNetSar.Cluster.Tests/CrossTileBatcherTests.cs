using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Grains.Contracts;
using GeoFlowNetSar.Grains.Services;
using GeoFlowNetSar.Pipeline.Scenes;
using GeoFlowNetSar.Pipeline.Stitching;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Cluster.Tests;

/// <summary>
/// The per-silo U-Net batcher: windows of concurrent tiles share forward passes, and each tile still gets exactly the
/// numbers it would get alone (≤ 1e-5; libtorch may sum in another order for another batch).
/// </summary>
public sealed class CrossTileBatcherTests(ITestOutputHelper output)
{
    private const int Window = 32, Step = 16;

    [Fact]
    public async Task Windows_of_concurrent_tiles_share_forward_passes_and_each_tile_gets_its_own_results()
    {
        // Three "tiles": different images, five windows each (fewer than a pass holds, so a pass must mix tiles).
        var tiles = Enumerable.Range(0, 3).Select(t =>
        {
            var (pre, post) = SceneInputs.Speckle(96, 48, seed: 40 + t);
            var origins = Enumerable.Range(0, 5).Select(i => new WindowOrigin(i * Step, t * 8)).ToArray();
            return (Pre: pre, Post: post, Origins: origins);
        }).ToArray();
        int values = 5 * Window * Window;
        using var alone = RandomUNetWeights.Load(Window, Step);
        var expected = tiles.Select(t =>
        {
            var (dx, dy) = (new float[values], new float[values]);
            alone.Estimate(t.Pre, t.Post, t.Origins, dx, dy);
            return (Dx: dx, Dy: dy);
        }).ToArray();

        using var batcher = new CrossTileBatcher(RandomUNetWeights.Load(Window, Step), maxBatch: 8, maxLatency: TimeSpan.FromSeconds(1));
        using var start = new Barrier(tiles.Length);
        var results = await Task.WhenAll(tiles.Select(t => Task.Run(() =>
        {
            var (dx, dy) = (new float[values], new float[values]);
            var view = batcher.ForTile();
            start.SignalAndWait();
            view.Estimate(t.Pre, t.Post, t.Origins, dx, dy);
            return (Dx: dx, Dy: dy);
        })));

        for (int t = 0; t < tiles.Length; t++)
        {
            Assert.DoesNotContain(results[t].Dx, float.IsNaN);
            double diff = Math.Max(
                DisplacementMetrics.MaxAbsDifference(results[t].Dx, expected[t].Dx),
                DisplacementMetrics.MaxAbsDifference(results[t].Dy, expected[t].Dy));
            Assert.True(diff <= 1e-5, $"tile {t}: max |diff| = {diff}");
        }
        var (batches, windows, mixed) = batcher.Statistics;
        output.WriteLine($"{windows} windows in {batches} passes, {mixed} of them mixing tiles");
        Assert.Equal(15, windows);
        Assert.InRange(batches, 2, 3);
        Assert.True(mixed >= 1, "no pass held windows of more than one tile");
    }

    [Fact]
    public async Task A_failing_pass_fails_the_tiles_in_it_and_the_batcher_keeps_serving()
    {
        using var batcher = new CrossTileBatcher(new FailingOnceEstimator(), maxBatch: 4, maxLatency: TimeSpan.FromMilliseconds(10));
        var image = new FloatImage(64, 32);
        WindowOrigin[] origins = [new(0, 0), new(16, 0)];
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            batcher.EstimateAsync(image, image, origins, new float[2 * 32 * 32], new float[2 * 32 * 32], CancellationToken.None));
        Assert.Contains("simulated", error.Message);
        var dx = new float[2 * 32 * 32];
        await batcher.EstimateAsync(image, image, origins, dx, new float[2 * 32 * 32], CancellationToken.None);
        Assert.All(dx, v => Assert.Equal(1f, v));
    }

    private sealed class FailingOnceEstimator : IDenseWindowEstimator
    {
        private int _calls;
        public string Method => "failing-once";
        public int WindowSize => 32;
        public int Step => 16;
        public GeoFlowNetSar.Core.Tiling.EstimateFootprint Footprint => GeoFlowNetSar.Core.Tiling.EstimateFootprint.DenseWindow;
        public int PreferredBatchSize => 4;

        public void Estimate(FloatImage pre, FloatImage post, ReadOnlySpan<WindowOrigin> origins, Span<float> dx, Span<float> dy)
        {
            if (_calls++ == 0) throw new InvalidOperationException("simulated failure of a forward pass");
            dx[..(origins.Length * 32 * 32)].Fill(1f);
            dy[..(origins.Length * 32 * 32)].Fill(2f);
        }

        public void Dispose()
        {
        }
    }
}

/// <summary>On the gpu silo of a two-silo cluster: a U-Net scene's tiles run through one batcher and give the embedded mosaic.</summary>
[Collection(SplitRoleClusterCollection.Name)]
public sealed class GpuSiloBatchingTests(SplitRoleCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task A_unet_scene_on_a_gpu_silo_goes_through_its_batcher_and_gives_the_embedded_mosaic()
    {
        const int width = 160, height = 128, chunk = 48;
        var (pre, post) = SceneInputs.Speckle(width, height, seed: 43);
        await cluster.PutRasterAsync("inputs/batched/pre.tif", pre);
        await cluster.PutRasterAsync("inputs/batched/post.tif", post);

        var status = await cluster.RunAsync(new SceneRequest
        {
            SceneId = "batched-unet", PreBlob = "inputs/batched/pre.tif", PostBlob = "inputs/batched/post.tif",
            Method = TestEstimators.RandomUNet, Window = 32, Step = 16, ChunkSize = chunk,
        });

        Assert.True(status.State == SceneState.Done, $"{status.State}: {status.Reason}");
        var report = await cluster.ReadReportAsync("batched-unet");
        Assert.All(report.TileDetails, t => Assert.Equal("Silo_0", t.Silo));
        var gpuSilo = cluster.Cluster.Silos.Single(s => s.Name == "Silo_0");
        var batcher = cluster.Cluster.GetSiloServiceProvider(gpuSilo.SiloAddress).GetRequiredService<EstimatorPool>()
            .BatcherFor(TestEstimators.RandomUNet, 32, 16);
        Assert.NotNull(batcher);
        var (batches, windows, mixed) = batcher.Statistics;
        output.WriteLine($"{report.Tiles} tiles, {windows} windows in {batches} passes (≤ {batcher.MaxBatch} each), {mixed} mixing tiles");
        Assert.Equal(report.Windows, windows);
        Assert.True(batches >= (windows + batcher.MaxBatch - 1) / batcher.MaxBatch);

        var bands = await cluster.ReadRasterAsync(SceneLayout.Result("batched-unet", SceneLayout.MosaicName), 2);
        using var estimator = RandomUNetWeights.Load(32, 16);
        var expected = new InMemoryDisplacementSink(width, height, DisplacementBands.Names(false));
        ScenePipeline.Run(new InMemoryAmplitudeSource(pre), new InMemoryAmplitudeSource(post), estimator, expected,
            new SceneOptions(new MosaicOptions(), ChunkSize: chunk));
        double diff = Math.Max(
            DisplacementMetrics.MaxAbsDifference(bands[0].Pixels, expected.Band("dx").Pixels),
            DisplacementMetrics.MaxAbsDifference(bands[1].Pixels, expected.Band("dy").Pixels));
        output.WriteLine($"max |diff| against the embedded run: {diff}");
        Assert.True(diff <= 1e-5, $"max |diff| = {diff}");
    }
}
