using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Grains.Contracts;
using GeoFlowNetSar.Pipeline.Scenes;
using GeoFlowNetSar.Pipeline.Stitching;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Raster.Writing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Cluster.Tests;

/// <summary>
/// Separate geoflownet-silo processes on Redis clustering with a shared blob folder: a silo killed in the middle of a
/// scene (SIGKILL) costs retries, not the scene, and the mosaic is still the embedded one.
/// </summary>
public sealed class KilledSiloTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("geoflownet-processes-").FullName;

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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_scene_survives_a_killed_silo(bool killTheCoordinator)
    {
        using var redis = new RedisServer();
        string blobs = Path.Combine(_folder, "blobs");
        var store = new LocalFolderBlobStore(blobs);
        string clusterId = $"kill-{Guid.NewGuid():N}";
        using var a = new SiloProcess("silo-a", clusterId, redis, blobs, "cpu");
        using var b = new SiloProcess("silo-b", clusterId, redis, blobs, "cpu");
        await Task.WhenAll(a.WaitUntilListeningAsync(), b.WaitUntilListeningAsync());

        // Enough tiles (11 × 8 of 96 px) that the kill lands mid-scene however fast the silos run.
        var (pre, post) = SceneInputs.Speckle(1024, 768, seed: 17);
        foreach (var (name, image) in new[] { ("pre", pre), ("post", post) })
        {
            string file = Path.Combine(_folder, $"{name}.tif");
            GeoTiffWriter.WriteFloat32(file, [image]);
            await store.UploadFileAsync($"inputs/kill/{name}.tif", file);
        }

        using var host = await ConnectAsync(redis, clusterId);
        var scene = host.Services.GetRequiredService<IClusterClient>().GetGrain<ISceneGrain>("killed");
        await scene.Submit(new SceneRequest
        {
            SceneId = "killed", PreBlob = "inputs/kill/pre.tif", PostBlob = "inputs/kill/post.tif", Window = 64, Step = 8, ChunkSize = 96,
        });
        var running = await PollAsync(scene, s => s.IsFinished || s.TilesDone >= 3, TimeSpan.FromMinutes(3));
        Assert.False(running.IsFinished, $"finished before a silo could be killed: {running.State} {running.Reason}");
        var victim = (running.Coordinator == a.Name) == killTheCoordinator ? a : b;
        output.WriteLine($"coordinator {running.Coordinator}, {running.TilesDone}/{running.TilesTotal} tiles done; killing {victim.Name}");
        victim.Kill();

        var final = await PollAsync(scene, s => s.IsFinished, TimeSpan.FromMinutes(4));
        var survivor = victim == a ? b : a;
        output.WriteLine($"{final.State} {final.Reason}: coordinator {final.Coordinator}, {final.TilesDone}/{final.TilesTotal}, " +
            $"{final.TilesReused} reused, {final.TileRetries} retried, per silo {string.Join(", ", final.TilesPerSilo)}");
        Assert.True(final.State == SceneState.Done, $"{final.State}: {final.Reason}\n{survivor.Output}");
        Assert.Equal(survivor.Name, final.Coordinator == victim.Name ? survivor.Name : final.Coordinator);

        string mosaic = Path.Combine(_folder, "mosaic.tif");
        await store.DownloadToFileAsync(SceneLayout.Result("killed", SceneLayout.MosaicName), mosaic);
        using var dx = GdalAmplitudeSource.Open(mosaic, new AmplitudeReadOptions { Band = 1 });
        using var estimator = EstimatorCatalog.Default.Create("frequency", new EstimatorSettings(64, 8, Threads: 1));
        var expected = new InMemoryDisplacementSink(1024, 768, DisplacementBands.Names(false));
        ScenePipeline.Run(new InMemoryAmplitudeSource(pre), new InMemoryAmplitudeSource(post), estimator, expected,
            new SceneOptions(new MosaicOptions(), ChunkSize: 96));
        Assert.True(DisplacementMetrics.MaxAbsDifference(dx.ReadImage().Pixels, expected.Band("dx").Pixels) <= 1e-6);
    }

    private static async Task<IHost> ConnectAsync(RedisServer redis, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, clusterId));
            client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis.ConnectionString));
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    // A status call may fail while the cluster notices a dead silo; the scene grain then comes back elsewhere.
    private async Task<SceneStatus> PollAsync(ISceneGrain scene, Func<SceneStatus, bool> until, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        SceneStatus? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await scene.GetStatus().WaitAsync(TimeSpan.FromSeconds(10));
                if (until(last)) return last;
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                output.WriteLine($"status call failed ({error.GetType().Name}: {error.Message}); retrying");
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Scene still {last?.State} after {timeout}.");
    }
}
