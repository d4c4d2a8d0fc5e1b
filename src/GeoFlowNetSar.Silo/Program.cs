using System.Net;
using GeoFlowNetSar.Grains.Grains;
using GeoFlowNetSar.Grains.Hosting;
using GeoFlowNetSar.Silo;
using GeoFlowNetSar.Storage;
using StackExchange.Redis;

// geoflownet-silo: one silo of the GeoFlowNet-SAR cluster. Configuration from appsettings.json, environment variables
// (Cluster__Clustering=redis, GeoFlowNetSar__Roles=gpu, Storage__Kind=azure, …) and the command line (--Cluster:Redis=…).
GeoFlowNetSar.TorchSupport.NativeHeap.KeepFreedMemory(); // first, before threads pick their malloc arenas
var builder = WebApplication.CreateBuilder(args);
var settings = builder.Configuration.GetSection("Cluster").Get<SiloSettings>() ?? new SiloSettings();
var storage = builder.Configuration.GetSection("Storage").Get<BlobStoreSettings>() ?? new BlobStoreSettings();
if (storage.Kind == "local" && string.IsNullOrWhiteSpace(storage.Folder))
    storage.Folder = Path.Combine(Path.GetTempPath(), "geoflownet-blobs");

builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = settings.ShutdownTimeout);
builder.Services.AddSingleton(storage.Create());
builder.UseOrleans(silo =>
{
    silo.Configure<Orleans.Configuration.ClusterOptions>(options =>
    {
        options.ClusterId = settings.ClusterId;
        options.ServiceId = settings.ServiceId;
    });
    if (!string.IsNullOrWhiteSpace(settings.SiloName))
        silo.Configure<Orleans.Configuration.SiloOptions>(options => options.SiloName = settings.SiloName);
    switch (settings.Clustering.ToLowerInvariant())
    {
        case "localhost":
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, new IPEndPoint(IPAddress.Loopback, settings.PrimarySiloPort),
                settings.ServiceId, settings.ClusterId);
            silo.AddMemoryGrainStorage(GeoFlowStorage.Name);
            silo.UseInMemoryReminderService();
            break;
        case "redis":
            var redis = ConfigurationOptions.Parse(settings.Redis
                ?? throw new InvalidOperationException("Cluster:Clustering=redis needs Cluster:Redis (a StackExchange.Redis connection string)."));
            silo.UseRedisClustering(options => options.ConfigurationOptions = redis.Clone());
            silo.AddRedisGrainStorage(GeoFlowStorage.Name, options => options.ConfigurationOptions = redis.Clone());
            // An unfinished scene's resume reminder survives the whole cluster (SceneGrain).
            silo.UseRedisReminderService(options => options.ConfigurationOptions = redis.Clone());
            var advertised = string.IsNullOrWhiteSpace(settings.AdvertisedAddress) ? IPAddress.Loopback : IPAddress.Parse(settings.AdvertisedAddress);
            silo.ConfigureEndpoints(advertised, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            break;
        default:
            throw new InvalidOperationException($"Unknown Cluster:Clustering '{settings.Clustering}': use localhost or redis.");
    }
    // Failure detection and other membership settings (Membership__ProbeTimeout=00:00:02, …); Orleans' defaults otherwise.
    silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(builder.Configuration.GetSection("Membership"));
    if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST")))
        silo.UseKubernetesHosting();
    silo.AddGeoFlowNetSar(options => builder.Configuration.GetSection("GeoFlowNetSar").Bind(options));
});

// Traces (scene.run → scene.prepare, tile.process, stitch, joined to Orleans' spans and to the client's scene.submit) and
// metrics, exported by OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (SiloTelemetry).
builder.AddSiloTelemetry(
    settings.SiloName ?? Environment.GetEnvironmentVariable("POD_NAME") ?? Environment.MachineName,
    builder.Configuration["GeoFlowNetSar:Roles"] ?? "gpu,cpu");

builder.Services.AddHealthChecks()
    .AddCheck<SiloActiveHealthCheck>("silo", tags: ["ready"])
    .AddCheck<BlobStoreHealthCheck>("blobs", tags: ["ready"]);
// Port 0: an ephemeral loopback port (several silos on one machine, tests); never ASP.NET's default 5000.
builder.WebHost.UseUrls(settings.HealthPort > 0 ? $"http://0.0.0.0:{settings.HealthPort}" : "http://127.0.0.1:0");

var app = builder.Build();
app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/readyz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.Logger.LogInformation("geoflownet-silo: clustering {Clustering}, storage {Storage}", settings.Clustering, storage.Kind);
await app.RunAsync();
