using System.CommandLine;
using System.Net;
using GeoFlowNetSar.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using StackExchange.Redis;

namespace GeoFlowNetSar.Client;

/// <summary>The options every command shares: how to reach the cluster and its blob store.</summary>
public sealed class ConnectionOptions
{
    public Option<string[]> Gateways { get; } = new("--gateway")
    {
        Description = "Silo gateway host:port (repeatable); used unless --redis is given.",
        DefaultValueFactory = _ => ["127.0.0.1:30000"],
        Recursive = true,
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string?> Redis { get; } = new("--redis") { Description = "Redis connection string of a Redis-clustered deployment.", Recursive = true };
    public Option<string> ClusterId { get; } = new("--cluster-id") { DefaultValueFactory = _ => "geoflownet", Recursive = true };
    public Option<string> ServiceId { get; } = new("--service-id") { DefaultValueFactory = _ => "geoflownet", Recursive = true };

    public Option<string> Storage { get; } = new("--storage")
    {
        Description = "Blob store the cluster uses: local or azure.", DefaultValueFactory = _ => "local", Recursive = true,
    };

    public Option<string?> StorageFolder { get; } = new("--storage-folder") { Description = "Folder of a local blob store (shared with the silos).", Recursive = true };
    public Option<string?> AzureConnectionString { get; } = new("--azure-connection-string") { Description = "Azure Storage (or Azurite) connection string.", Recursive = true };
    public Option<string?> AzureAccountUrl { get; } = new("--azure-account-url") { Description = "Azure Storage account URL (DefaultAzureCredential).", Recursive = true };
    public Option<string> Container { get; } = new("--container") { DefaultValueFactory = _ => "geoflownet", Recursive = true };

    public Option<int> ConnectTimeout { get; } = new("--connect-timeout")
    {
        Description = "Seconds to wait for the cluster before giving up.", DefaultValueFactory = _ => 30, Recursive = true,
    };

    public Option<bool> TraceConsole { get; } = new("--trace-console")
    {
        Description = "Print this command's spans (scene.submit and the Orleans call) on the console. OTLP export follows OTEL_EXPORTER_OTLP_ENDPOINT.",
        Recursive = true,
    };

    public IEnumerable<Option> All =>
        [Gateways, Redis, ClusterId, ServiceId, Storage, StorageFolder, AzureConnectionString, AzureAccountUrl, Container, ConnectTimeout, TraceConsole];

    public IBlobStore CreateStore(ParseResult parse)
    {
        var settings = new BlobStoreSettings
        {
            Kind = parse.GetValue(Storage)!,
            Folder = parse.GetValue(StorageFolder) ?? Path.Combine(Path.GetTempPath(), "geoflownet-blobs"),
            ConnectionString = parse.GetValue(AzureConnectionString),
            AccountUrl = parse.GetValue(AzureAccountUrl),
            Container = parse.GetValue(Container)!,
        };
        return settings.Create();
    }

    /// <summary>Connects an Orleans client; dispose the host to disconnect.</summary>
    public async Task<(IHost Host, IClusterClient Client)> ConnectAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        string? redis = parse.GetValue(Redis);
        string[] gateways = parse.GetValue(Gateways)!;
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = parse.GetValue(ClusterId)!;
                options.ServiceId = parse.GetValue(ServiceId)!;
            });
            if (redis is not null)
                client.UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            else
                client.UseStaticClustering(gateways.Select(ParseEndpoint).ToArray());
            client.AddActivityPropagation();
        });
        ClientTelemetry.Add(builder, parse.GetValue(TraceConsole));
        var host = builder.Build();
        // The Orleans client keeps trying an unreachable gateway; a person waiting at a terminal wants a reason instead.
        int seconds = Math.Max(1, parse.GetValue(ConnectTimeout));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            await host.StartAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            string where = redis is not null ? $"Redis {redis}" : $"gateway {string.Join(", ", gateways)}";
            throw new ClientInputException($"cannot reach the cluster through {where} (cluster id '{parse.GetValue(ClusterId)}') within {seconds} s.");
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return (host, host.Services.GetRequiredService<IClusterClient>());
    }

    private static IPEndPoint ParseEndpoint(string text)
    {
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out int port))
            throw new ClientInputException($"--gateway '{text}' is not host:port.");
        string host = text[..colon];
        var address = IPAddress.TryParse(host, out var parsed) ? parsed : Dns.GetHostAddresses(host).First();
        return new IPEndPoint(address, port);
    }
}

/// <summary>A mistake in what the user typed; shown as is.</summary>
public sealed class ClientInputException(string message) : Exception(message);
