using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Grains.Grains;
using GeoFlowNetSar.Grains.Hosting;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Raster.Writing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using StackExchange.Redis;

namespace GeoFlowNetSar.Cluster.Tests;

/// <summary>
/// Two in-process cpu silos whose grain state and reminders live in Redis (as in a deployed cluster), so that a second
/// cluster started on the same Redis with the same service id takes over the first one's scenes. The blob store is
/// wrapped per cluster in a <see cref="SeverableBlobStore"/>; windows estimated by this cluster are counted in
/// <see cref="Windows"/>.
/// </summary>
public sealed class RedisBackedCluster : IAsyncDisposable
{
    /// <summary>Resume reminders tick this often in these tests (Orleans' own minimum lowered to allow it).</summary>
    public static readonly TimeSpan ResumePeriod = TimeSpan.FromSeconds(2);

    private RedisBackedCluster(InProcessTestCluster cluster, SeverableBlobStore store, WindowCounter windows)
    {
        Cluster = cluster;
        Store = store;
        Windows = windows;
    }

    public InProcessTestCluster Cluster { get; }
    public SeverableBlobStore Store { get; }
    public WindowCounter Windows { get; }
    public IClusterClient Client => Cluster.Client;

    public static async Task<RedisBackedCluster> StartAsync(RedisServer redis, string serviceId, IBlobStore blobs, string scratch)
    {
        var store = new SeverableBlobStore(blobs);
        var windows = new WindowCounter();
        var catalog = TestEstimators.Catalog(withGpuMethod: false, windows);
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ServiceId = serviceId;
        builder.Options.ClusterId = $"{serviceId}-{Guid.NewGuid():N}"[..40];
        builder.Options.AssumeHomogenousSilosForTesting = false;
        builder.Options.ConfigureFileLogging = false;
        var configuration = ConfigurationOptions.Parse(redis.ConnectionString);
        builder.ConfigureSilo((silo, siloBuilder) =>
        {
            siloBuilder.Services.AddSingleton<IBlobStore>(store);
            siloBuilder.Services.AddSingleton(catalog);
            siloBuilder.AddRedisGrainStorage(GeoFlowStorage.Name, options => options.ConfigurationOptions = configuration.Clone());
            siloBuilder.UseRedisReminderService(options => options.ConfigurationOptions = configuration.Clone());
            siloBuilder.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            siloBuilder.AddGeoFlowNetSar(options =>
            {
                options.Roles = SiloRoles.Cpu;
                options.TorchThreads = 1;
                options.WorkFolder = Path.Combine(scratch, silo.SiloName);
                options.MaxConcurrentTiles = 2;
                options.ResumeCheckPeriod = ResumePeriod;
            });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new RedisBackedCluster(cluster, store, windows);
    }

    /// <summary>Every silo dies at once (no graceful hand-over) and its blob I/O with it.</summary>
    public async Task KillAsync()
    {
        Store.Sever();
        foreach (var silo in Cluster.Silos.ToArray()) await Cluster.KillSiloAsync(silo);
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Writes <paramref name="image"/> as a Float32 GeoTIFF blob of <paramref name="store"/>.</summary>
    public static async Task PutRasterAsync(IBlobStore store, string blob, FloatImage image, string folder)
    {
        string file = Path.Combine(folder, $"{Guid.NewGuid():N}.tif");
        GeoTiffWriter.WriteFloat32(file, [image]);
        await store.UploadFileAsync(blob, file);
        File.Delete(file);
    }
}
