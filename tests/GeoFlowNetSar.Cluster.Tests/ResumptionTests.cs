using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Grains.Contracts;
using GeoFlowNetSar.Grains.Grains;
using GeoFlowNetSar.Pipeline.Scenes;
using GeoFlowNetSar.Pipeline.Stitching;
using GeoFlowNetSar.Raster.Reading;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Cluster.Tests;

/// <summary>
/// A scene interrupted by the death of its whole cluster resumes by itself on the next cluster (same Redis, same blob
/// store): its reminder re-activates the scene grain, which computes only the tiles not finished before the stop.
/// </summary>
public sealed class ResumptionTests(ITestOutputHelper output) : IDisposable
{
    private const int Width = 288, Height = 224, Window = 64, Step = 16, ChunkSize = 96;

    private readonly string _folder = Directory.CreateTempSubdirectory("geoflownet-resume-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_scene_cut_off_by_a_cluster_restart_resumes_by_its_reminder_and_computes_only_unfinished_tiles()
    {
        using var redis = new RedisServer();
        var blobs = new LocalFolderBlobStore(Path.Combine(_folder, "blobs"));
        var (pre, post) = SceneInputs.Speckle(Width, Height, seed: 23);
        await RedisBackedCluster.PutRasterAsync(blobs, "inputs/resume/pre.tif", pre, _folder);
        await RedisBackedCluster.PutRasterAsync(blobs, "inputs/resume/post.tif", post, _folder);
        const string sceneId = "resumed";
        string serviceId = $"resume-{Guid.NewGuid():N}";

        int finishedBeforeStop;
        HashSet<int> finishedChunks;
        await using (var first = await RedisBackedCluster.StartAsync(redis, serviceId, blobs, Path.Combine(_folder, "scratch-1")))
        {
            var scene = first.Client.GetGrain<ISceneGrain>(sceneId);
            await scene.Submit(new SceneRequest
            {
                SceneId = sceneId, PreBlob = "inputs/resume/pre.tif", PostBlob = "inputs/resume/post.tif",
                Method = TestEstimators.SlowFrequency, Window = Window, Step = Step, ChunkSize = ChunkSize,
            });
            var running = await WaitAsync(scene, s => s.IsFinished || s.TilesDone >= 3);
            Assert.False(running.IsFinished, $"finished before the cluster could be stopped: {running.State} {running.Reason}");
            await first.KillAsync();
            finishedChunks = await FinishedChunksAsync(blobs, sceneId);
            finishedBeforeStop = finishedChunks.Count;
            output.WriteLine($"cluster stopped at {running.TilesDone}/{running.TilesTotal} tiles reported, {finishedBeforeStop} accumulators written");
        }

        await using var second = await RedisBackedCluster.StartAsync(redis, serviceId, blobs, Path.Combine(_folder, "scratch-2"));
        // Nobody calls the scene grain: only its reminder can bring it back. The report appears when it is done.
        string report = SceneLayout.Result(sceneId, SceneLayout.ReportName);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (await blobs.GetInfoAsync(report) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the scene did not resume within 90 s");
            await Task.Delay(200);
        }
        var status = await WaitAsync(second.Client.GetGrain<ISceneGrain>(sceneId), s => s.IsFinished);
        var document = SceneReportDocument.FromJson(await blobs.GetTextAsync(report));
        output.WriteLine($"{status.State}: {status.TilesDone}/{status.TilesTotal}, {status.TilesReused} reused, " +
            $"{status.Resumptions} resumption(s), {second.Windows.Windows} windows computed after the restart");

        Assert.True(status.State == SceneState.Done, $"{status.State}: {status.Reason}");
        Assert.True(status.Resumptions >= 1);
        Assert.Equal(6, status.TilesTotal);
        Assert.InRange(finishedBeforeStop, 1, status.TilesTotal - 1);
        // Exactly the tiles finished before the stop were reused; every other one was computed once.
        Assert.Equal(finishedBeforeStop, status.TilesReused);
        Assert.Equal(finishedChunks, document.TileDetails.Where(t => t.Reused).Select(t => t.Chunk).ToHashSet());
        var computed = document.TileDetails.Where(t => !t.Reused).ToArray();
        Assert.Equal(status.TilesTotal - finishedBeforeStop, computed.Length);
        Assert.Equal(computed.Sum(t => t.Windows), second.Windows.Windows);

        await AssertMosaicIsTheUninterruptedOneAsync(blobs, sceneId, pre, post);
    }

    private async Task AssertMosaicIsTheUninterruptedOneAsync(IBlobStore blobs, string sceneId, FloatImage pre, FloatImage post)
    {
        string mosaic = Path.Combine(_folder, "mosaic.tif");
        await blobs.DownloadToFileAsync(SceneLayout.Result(sceneId, SceneLayout.MosaicName), mosaic);
        using var estimator = EstimatorCatalog.Default.Create("frequency", new EstimatorSettings(Window, Step, Threads: 1));
        var expected = new InMemoryDisplacementSink(Width, Height, DisplacementBands.Names(false));
        ScenePipeline.Run(new InMemoryAmplitudeSource(pre), new InMemoryAmplitudeSource(post), estimator, expected,
            new SceneOptions(new MosaicOptions(), ChunkSize: ChunkSize));
        foreach (var (band, name) in new[] { (1, "dx"), (2, "dy") })
        {
            using var source = GdalAmplitudeSource.Open(mosaic, new AmplitudeReadOptions { Band = band });
            double diff = DisplacementMetrics.MaxAbsDifference(source.ReadImage().Pixels, expected.Band(name).Pixels);
            Assert.True(diff <= 1e-6, $"{name}: max |diff| = {diff}");
        }
    }

    internal static async Task<HashSet<int>> FinishedChunksAsync(IBlobStore blobs, string sceneId) =>
        (await blobs.ListAllAsync(SceneLayout.ScenePrefix(sceneId)))
            .Where(b => b.Name.EndsWith(".acc", StringComparison.Ordinal))
            .Select(b => int.Parse(Path.GetFileNameWithoutExtension(b.Name), System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet();

    private static async Task<SceneStatus> WaitAsync(ISceneGrain scene, Func<SceneStatus, bool> until)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var status = await scene.GetStatus();
            if (until(status)) return status;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Scene {status.SceneId} is still {status.State} ({status.Reason}).");
            await Task.Delay(50);
        }
    }
}
