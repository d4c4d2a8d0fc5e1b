using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Grains.Contracts;
using GeoFlowNetSar.Grains.Grains;
using GeoFlowNetSar.Grains.Hosting;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Raster.Writing;
using GeoFlowNetSar.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace GeoFlowNetSar.Cluster.Tests;

/// <summary>
/// Two in-process silos sharing one local-folder blob store, memory grain state, one libtorch thread. Roles per silo
/// come from <see cref="RoleOf"/>; the placement filter is honoured because silos are not assumed homogeneous.
/// </summary>
public abstract class TwoSiloCluster : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("geoflownet-cluster-").FullName;
    private InProcessTestCluster? _cluster;

    private IBlobStore? _store;

    /// <summary>The blob store every silo (and the test) uses.</summary>
    public IBlobStore Store => _store ??= CreateStore(_folder);

    /// <summary>The folder of the default local blob store (shared with client processes).</summary>
    public string BlobFolder => Path.Combine(_folder, "blobs");

    /// <summary>A local folder by default.</summary>
    protected virtual IBlobStore CreateStore(string folder) => new LocalFolderBlobStore(BlobFolder);

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("Not started.");

    public IClusterClient Client => Cluster.Client;

    /// <summary>Windows estimated by the counting test method (<see cref="TestEstimators.SlowFrequency"/>) on every silo.</summary>
    public WindowCounter Windows { get; } = new();

    /// <summary>The roles of the silo named <paramref name="siloName"/> (Silo_0, Silo_1).</summary>
    public abstract string RoleOf(string siloName);

    protected abstract bool WithGpuMethod { get; }

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.AssumeHomogenousSilosForTesting = false;
        builder.Options.ConfigureFileLogging = false;
        var catalog = TestEstimators.Catalog(WithGpuMethod, Windows);
        builder.ConfigureSilo((silo, siloBuilder) =>
        {
            siloBuilder.Services.AddSingleton<IBlobStore>(Store);
            siloBuilder.Services.AddSingleton(catalog);
            siloBuilder.AddMemoryGrainStorage(GeoFlowStorage.Name);
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.AddGeoFlowNetSar(options =>
            {
                options.Roles = RoleOf(silo.SiloName);
                options.TorchThreads = 1;
                options.WorkFolder = Path.Combine(_folder, "scratch", silo.SiloName);
                options.MaxConcurrentTiles = 4;
                options.RoleDiscoveryTimeout = TimeSpan.FromSeconds(10);
            });
        });
        // As the silos do (AddGeoFlowNetSar): the client's spans and the silos' share one trace.
        builder.ConfigureClient(client => client.AddActivityPropagation());
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Writes <paramref name="image"/> as a Float32 GeoTIFF blob.</summary>
    public async Task PutRasterAsync(string blob, FloatImage image)
    {
        string file = Path.Combine(_folder, $"{Guid.NewGuid():N}.tif");
        GeoTiffWriter.WriteFloat32(file, [image]);
        await Store.UploadFileAsync(blob, file);
        File.Delete(file);
    }

    /// <summary>Bands of a GeoTIFF blob.</summary>
    public async Task<FloatImage[]> ReadRasterAsync(string blob, int bands)
    {
        string file = Path.Combine(_folder, $"{Guid.NewGuid():N}.tif");
        await Store.DownloadToFileAsync(blob, file);
        try
        {
            return Enumerable.Range(1, bands).Select(b =>
            {
                using var source = GdalAmplitudeSource.Open(file, new AmplitudeReadOptions { Band = b });
                return source.ReadImage();
            }).ToArray();
        }
        finally
        {
            File.Delete(file);
        }
    }

    public async Task<SceneReportDocument> ReadReportAsync(string sceneId) =>
        SceneReportDocument.FromJson(await Store.GetTextAsync(SceneLayout.Result(sceneId, SceneLayout.ReportName)));

    public async Task<SceneStatus> RunAsync(SceneRequest request, TimeSpan? timeout = null)
    {
        await Client.SubmitSceneAsync(request);
        return await WaitAsync(request.SceneId, s => s.IsFinished, timeout);
    }

    public async Task<SceneStatus> WaitAsync(string sceneId, Func<SceneStatus, bool> until, TimeSpan? timeout = null)
    {
        var scene = Client.GetGrain<ISceneGrain>(sceneId);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            var status = await scene.GetStatus();
            if (until(status)) return status;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Scene {sceneId} is still {status.State} ({status.Reason}).");
            await Task.Delay(50);
        }
    }
}

/// <summary>Both silos cpu: correlator tiles spread over both; no gpu anywhere.</summary>
public sealed class CpuCluster : TwoSiloCluster
{
    public override string RoleOf(string siloName) => SiloRoles.Cpu;

    protected override bool WithGpuMethod => false;
}

/// <summary>Silo_0 gpu, Silo_1 cpu.</summary>
public sealed class SplitRoleCluster : TwoSiloCluster
{
    public override string RoleOf(string siloName) => siloName == "Silo_0" ? SiloRoles.Gpu : SiloRoles.Cpu;

    protected override bool WithGpuMethod => true;
}

/// <summary>Both silos cpu, blobs in a real Azurite (the npm package installed by scripts/install-deps.sh).</summary>
public sealed class AzuriteCluster : TwoSiloCluster
{
    public GeoFlowNetSar.Storage.Tests.AzuriteServer Azurite { get; } = new();

    public override string RoleOf(string siloName) => SiloRoles.Cpu;

    protected override bool WithGpuMethod => false;

    protected override IBlobStore CreateStore(string folder) => new AzureBlobStore(new AzureBlobStoreOptions
    {
        ConnectionString = Azurite.ConnectionString,
        Container = "cluster",
        MaxRetries = 2,
        RetryDelay = TimeSpan.FromMilliseconds(50),
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        NetworkTimeout = TimeSpan.FromSeconds(5),
        TransferBlockBytes = 256 << 10,
    });

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Azurite.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteClusterCollection : ICollectionFixture<AzuriteCluster>
{
    public const string Name = "azurite cluster";
}

[CollectionDefinition(Name)]
public sealed class CpuClusterCollection : ICollectionFixture<CpuCluster>
{
    public const string Name = "cpu cluster";
}

[CollectionDefinition(Name)]
public sealed class SplitRoleClusterCollection : ICollectionFixture<SplitRoleCluster>
{
    public const string Name = "split-role cluster";
}
