using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GeoFlowNetSar.Core.Telemetry;

/// <summary>
/// The ActivitySource and Meter named "GeoFlowNetSar" (DESIGN.md, Observability). They live in Core, with BCL types only,
/// so every layer that does work (storage, pipeline, grains, client) emits into the same source without knowing who
/// listens; the hosts decide what is exported (OTLP, console, in-memory in tests).
/// </summary>
public static class GeoFlowTelemetry
{
    public const string Name = "GeoFlowNetSar";

    public static readonly ActivitySource Source = new(Name, "1.0.0");

    public static readonly Meter Meter = new(Name, "1.0.0");

    // Seconds-scale buckets: the SDK's default boundaries (0 … 10000) are meant for milliseconds.
    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
    private static readonly int[] BatchBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256];

    public static readonly Counter<long> TilesDone = Meter.CreateCounter<long>(
        "geoflownet.tiles.done", "{tile}", "Tiles finished, computed or reused (geoflownet.reused).");

    public static readonly Counter<long> TilesFailed = Meter.CreateCounter<long>(
        "geoflownet.tiles.failed", "{tile}", "Tile attempts that raised an error (each may be retried).");

    public static readonly Counter<long> TileRetries = Meter.CreateCounter<long>(
        "geoflownet.tile.retries", "{retry}", "Tiles sent again by the scene, after an error or the loss of their silo (geoflownet.reason).");

    public static readonly Histogram<double> TileDuration = Meter.CreateHistogram(
        "geoflownet.tile.duration", "s", "Time to compute one tile (reused tiles excluded).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    public static readonly UpDownCounter<long> TilesRunning = Meter.CreateUpDownCounter<long>(
        "geoflownet.tiles.running", "{tile}", "Tiles being processed on this silo (waiting for or using its estimator).");

    public static readonly UpDownCounter<long> TilesQueued = Meter.CreateUpDownCounter<long>(
        "geoflownet.tiles.queued", "{tile}", "Tiles waiting for this silo's shared estimator (the per-silo queue).");

    public static readonly Counter<double> Megapixels = Meter.CreateCounter<double>(
        "geoflownet.megapixels", "{Mpx}", "Scene megapixels computed by tiles (chunk cores; rate = Mpx/s).");

    public static readonly Counter<long> Windows = Meter.CreateCounter<long>(
        "geoflownet.windows", "{window}", "Estimation windows computed (rate = windows/s per method).");

    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram(
        "geoflownet.inference.batch.size", "{window}", "Windows per estimator call (U-Net batch or correlator batch).",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchBuckets });

    public static readonly Histogram<double> BatchDuration = Meter.CreateHistogram(
        "geoflownet.inference.batch.duration", "s", "Time of one estimator call.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    public static readonly Counter<long> BlobBytes = Meter.CreateCounter<long>(
        "geoflownet.blob.bytes", "By", "Bytes moved to or from blob storage (geoflownet.direction = upload | download).");

    public static readonly Histogram<double> BlobDuration = Meter.CreateHistogram(
        "geoflownet.blob.duration", "s", "Time of one blob transfer (for a streamed read: until the stream is open).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    public static readonly Counter<long> ScenesFinished = Meter.CreateCounter<long>(
        "geoflownet.scenes.finished", "{scene}", "Scenes that reached Done, Failed or Cancelled (geoflownet.state).");

    /// <summary>Records <paramref name="error"/> on <paramref name="activity"/> as OpenTelemetry expects (status Error, an "exception" event).</summary>
    public static void RecordError(this Activity? activity, Exception error)
    {
        if (activity is null) return;
        activity.SetStatus(ActivityStatusCode.Error, error.Message);
        activity.AddException(error);
    }
}

/// <summary>Span names: one scene is scene.submit → scene.run → scene.prepare, tile.process (→ unet.batch | correlate.batch), stitch; blob.* wherever blobs move.</summary>
public static class SpanNames
{
    public const string SceneSubmit = "scene.submit";
    public const string SceneRun = "scene.run";
    public const string ScenePrepare = "scene.prepare";
    public const string TileProcess = "tile.process";
    public const string UnetBatch = "unet.batch";
    public const string CorrelateBatch = "correlate.batch";
    public const string Stitch = "stitch";
    public const string BlobUpload = "blob.upload";
    public const string BlobDownload = "blob.download";
}

/// <summary>Attribute names on spans and metrics (OpenTelemetry style: a namespace, dots, snake_case).</summary>
public static class TagNames
{
    public const string Scene = "geoflownet.scene";
    public const string Chunk = "geoflownet.chunk";
    public const string ChunkRect = "geoflownet.chunk.rect";
    public const string Method = "geoflownet.method";
    public const string Silo = "geoflownet.silo";
    public const string Role = "geoflownet.role";
    public const string Pixels = "geoflownet.pixels";
    public const string Windows = "geoflownet.windows";
    public const string Reused = "geoflownet.reused";
    public const string Device = "geoflownet.device";
    public const string BatchSize = "geoflownet.batch.size";
    public const string Tiles = "geoflownet.tiles";
    public const string Blob = "geoflownet.blob";
    public const string Bytes = "geoflownet.bytes";
    public const string Direction = "geoflownet.direction";
    public const string Reason = "geoflownet.reason";
    public const string State = "geoflownet.state";
    public const string Width = "geoflownet.width";
    public const string Height = "geoflownet.height";
}
