using System.Net;
using System.Net.Sockets;
using GeoFlowNetSar.Grains.Contracts;
using GeoFlowNetSar.Grains.Grains;
using GeoFlowNetSar.Grains.Hosting;
using GeoFlowNetSar.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GeoFlowNetSar.Grains.Embedded;

/// <summary>What `geoflownet run` asks of the embedded cluster: local files in, a local GeoTIFF out.</summary>
public sealed record EmbeddedRunRequest
{
    public required string Pre { get; init; }
    public required string Post { get; init; }

    /// <summary>The displacement GeoTIFF to write (replaced if it exists).</summary>
    public required string Output { get; init; }

    public string Method { get; init; } = "frequency";
    public int? Window { get; init; }
    public int? Step { get; init; }
    public bool Uncertainty { get; init; }

    /// <summary>Dense methods: "auto" (coarse offset removed first) or "off".</summary>
    public string Coarse { get; init; } = "auto";

    /// <summary>Dense methods: average the four mirror-image predictions.</summary>
    public bool FlipAverage { get; init; } = true;
    public string Units { get; init; } = "px";
    public double? RangeSpacing { get; init; }
    public double? AzimuthSpacing { get; init; }
    public int? ChunkSize { get; init; }
    public int Band { get; init; } = 1;
    public bool InputIsDecibels { get; init; }
    public bool CloudOptimized { get; init; } = true;
    public int? Threads { get; init; }
    public string? Device { get; init; }

    /// <summary>U-Net arithmetic: auto, fp32 or bf16.</summary>
    public string? Precision { get; init; }

    /// <summary>Where the quick-look PNG and report JSON go (next to <see cref="Output"/> when null).</summary>
    public string? ExtrasFolder { get; init; }

    /// <summary>Scratch folder (blobs, chunk files); a new temporary one, removed afterwards, when null.</summary>
    public string? WorkFolder { get; init; }
}

/// <summary>
/// One process, one silo with both roles, localhost clustering, memory grain state and a local-folder blob store: the
/// cluster code path (scene → tiles → stitcher) without a cluster. `geoflownet run` calls <see cref="RunAsync"/>.
/// </summary>
public static class EmbeddedCluster
{
    private const string SceneId = "embedded";

    /// <summary>
    /// Runs the scene and writes <see cref="EmbeddedRunRequest.Output"/> (plus quicklook.png and report.json beside it or in
    /// <see cref="EmbeddedRunRequest.ExtrasFolder"/>) when it is Done. Returns the final status (Done, Failed with a reason,
    /// or Cancelled when <paramref name="cancellationToken"/> fired). <paramref name="progress"/> sees every status poll.
    /// </summary>
    public static async Task<SceneStatus> RunAsync(
        EmbeddedRunRequest request, IProgress<SceneStatus>? progress = null, CancellationToken cancellationToken = default)
    {
        bool ownWorkFolder = request.WorkFolder is null;
        string work = request.WorkFolder ?? Path.Combine(Path.GetTempPath(), $"geoflownet-embedded-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var store = new LocalFolderBlobStore(Path.Combine(work, "blobs"));
            string preBlob = $"inputs/{SceneId}/pre{Path.GetExtension(request.Pre)}";
            string postBlob = $"inputs/{SceneId}/post{Path.GetExtension(request.Post)}";
            foreach (var (path, blob) in new[] { (request.Pre, preBlob), (request.Post, postBlob) })
            {
                if (!File.Exists(path))
                    return new SceneStatus { SceneId = SceneId, State = SceneState.Failed, Reason = $"{path}: the file does not exist." };
                await store.UploadFileAsync(blob, path, cancellationToken).ConfigureAwait(false);
            }

            using var host = Build(store, Path.Combine(work, "scratch"), request);
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var scene = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISceneGrain>(SceneId);
                var status = await scene.Submit(new SceneRequest
                {
                    SceneId = SceneId,
                    PreBlob = preBlob,
                    PostBlob = postBlob,
                    Method = request.Method,
                    Window = request.Window,
                    Step = request.Step,
                    Uncertainty = request.Uncertainty,
                    Coarse = request.Coarse,
                    FlipAverage = request.FlipAverage,
                    Units = request.Units,
                    RangeSpacing = request.RangeSpacing,
                    AzimuthSpacing = request.AzimuthSpacing,
                    ChunkSize = request.ChunkSize,
                    Band = request.Band,
                    InputIsDecibels = request.InputIsDecibels,
                    CloudOptimized = request.CloudOptimized,
                }).ConfigureAwait(false);
                status = await FollowAsync(scene, status, progress, cancellationToken).ConfigureAwait(false);
                if (status.State == SceneState.Done) await DeliverAsync(store, request, status).ConfigureAwait(false);
                return status;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            if (ownWorkFolder)
            {
                try
                {
                    Directory.Delete(work, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private static IHost Build(IBlobStore store, string scratch, EmbeddedRunRequest request)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(store);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreeLoopbackPort(), FreeLoopbackPort());
            silo.AddMemoryGrainStorage(GeoFlowStorage.Name);
            silo.UseInMemoryReminderService();
            silo.AddGeoFlowNetSar(options =>
            {
                options.Roles = "gpu,cpu";
                options.TorchThreads = request.Threads;
                options.Device = request.Device;
                options.Precision = request.Precision;
                options.WorkFolder = scratch;
                options.MaxConcurrentTiles = 2;
            });
        });
        return builder.Build();
    }

    private static async Task<SceneStatus> FollowAsync(
        ISceneGrain scene, SceneStatus status, IProgress<SceneStatus>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(status);
        while (!status.IsFinished)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
                status = await scene.GetStatus().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                status = await scene.Cancel().ConfigureAwait(false);
            }
            progress?.Report(status);
        }
        return status;
    }

    private static async Task DeliverAsync(IBlobStore store, EmbeddedRunRequest request, SceneStatus status)
    {
        string output = Path.GetFullPath(request.Output);
        string extras = request.ExtrasFolder ?? Path.GetDirectoryName(output)!;
        Directory.CreateDirectory(extras);
        string stem = Path.GetFileNameWithoutExtension(output);
        foreach (string blob in status.Results)
        {
            string target = Path.GetFileName(blob) switch
            {
                SceneLayout.MosaicName => output,
                SceneLayout.QuickLookName => Path.Combine(extras, $"{stem}.quicklook.png"),
                SceneLayout.ReportName => Path.Combine(extras, $"{stem}.report.json"),
                var other => Path.Combine(extras, $"{stem}.{other}"),
            };
            await store.DownloadToFileAsync(blob, target).ConfigureAwait(false);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
