using System.Diagnostics;
using System.Text.Json;
using GeoFlowNetSar.Core.Accumulation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Core.Telemetry;
using GeoFlowNetSar.Core.Tiling;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Grains.Contracts;
using GeoFlowNetSar.Grains.Hosting;
using GeoFlowNetSar.Grains.Services;
using GeoFlowNetSar.Pipeline.Chunks;
using GeoFlowNetSar.Pipeline.Stitching;
using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Raster.Writing;
using GeoFlowNetSar.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GeoFlowNetSar.Grains.Grains;

/// <summary>
/// Streams a scene's chunk accumulators, chunk by chunk in index order (a few downloaded ahead), into the same
/// <see cref="StreamingMosaic"/> the embedded run uses, writing a GeoTIFF (COG by default) in the work folder; then
/// uploads results/&lt;scene&gt;/displacement.tif, quicklook.png and, last, report.json.
/// </summary>
public sealed class StitcherGrain(
    IBlobStore store, EstimatorCatalog catalog, IOptions<GeoFlowSiloOptions> options, ILocalSiloDetails silo, ILogger<StitcherGrain> logger)
    : Grain, IStitcherGrain
{
    private static readonly JsonSerializerOptions ReportJson = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public async Task<StitchResult> Stitch(StitchWork work, CancellationToken cancellationToken = default)
    {
        using var activity = GeoFlowTelemetry.Source.StartActivity(SpanNames.Stitch);
        var clock = Stopwatch.StartNew();
        string sceneId = this.GetPrimaryKeyString();
        activity?.SetTag(TagNames.Scene, sceneId);
        activity?.SetTag(TagNames.Method, work.Method);
        activity?.SetTag(TagNames.Silo, silo.Name);
        activity?.SetTag(TagNames.Tiles, work.Tiles.Count);
        activity?.SetTag(TagNames.Pixels, (long)work.SceneWidth * work.SceneHeight);
        var method = catalog.Get(work.Method);
        var plan = new ChunkPlan(new WindowGrid(work.SceneWidth, work.SceneHeight, work.Window, work.Step), method.Footprint, work.ChunkSize);
        RasterInfo? georeference = null;
        if (work.GeoreferenceBlob is { } blob)
            georeference = Georeference.FromJson(await store.GetTextAsync(blob, cancellationToken)).ToRasterInfo(work.Request.PreBlob, work.SceneWidth, work.SceneHeight);

        string folder = Path.Combine(options.Value.ResolveWorkFolder(), $"stitch-{sceneId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            string mosaicPath = Path.Combine(folder, SceneLayout.MosaicName);
            string quickLookPath = Path.Combine(folder, SceneLayout.QuickLookName);
            string? quickLookSkipped = await Task.Run(() => MosaicWriter.WriteAsync(
                store, work, plan, georeference, mosaicPath, quickLookPath, options.Value, logger, cancellationToken), cancellationToken);
            double mosaicSeconds = clock.Elapsed.TotalSeconds;

            var results = new List<string>();
            string mosaicBlob = SceneLayout.Result(sceneId, SceneLayout.MosaicName);
            await store.UploadFileAsync(mosaicBlob, mosaicPath, cancellationToken);
            results.Add(mosaicBlob);
            if (quickLookSkipped is null)
            {
                string quickLookBlob = SceneLayout.Result(sceneId, SceneLayout.QuickLookName);
                await store.UploadFileAsync(quickLookBlob, quickLookPath, cancellationToken);
                results.Add(quickLookBlob);
            }
            string reportBlob = SceneLayout.Result(sceneId, SceneLayout.ReportName);
            results.Add(reportBlob);
            var report = Report(sceneId, work, plan, results, quickLookSkipped, mosaicSeconds, clock.Elapsed.TotalSeconds);
            await store.PutTextAsync(reportBlob, JsonSerializer.Serialize(report, ReportJson), cancellationToken);
            return new StitchResult { Results = results.ToArray(), Seconds = clock.Elapsed.TotalSeconds, Silo = silo.Name, QuickLookSkipped = quickLookSkipped };
        }
        catch (Exception error)
        {
            activity.RecordError(error);
            throw;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException error)
            {
                logger.LogWarning(error, "Could not remove {Folder}", folder);
            }
        }
    }

    private SceneReportDocument Report(
        string sceneId, StitchWork work, ChunkPlan plan, IReadOnlyList<string> results, string? quickLookSkipped, double mosaicSeconds, double stitchSeconds)
    {
        var tiles = work.Tiles.OrderBy(t => t.ChunkIndex).ToArray();
        return new SceneReportDocument
        {
            SceneId = sceneId,
            Method = work.Method,
            ModelHash = work.ModelHash,
            Pre = work.Request.PreBlob,
            Post = work.Request.PostBlob,
            Width = work.SceneWidth,
            Height = work.SceneHeight,
            Window = work.Window,
            Step = work.Step,
            ChunkSize = work.ChunkSize,
            Chunks = plan.Chunks.Count,
            Units = work.Request.Units,
            ScaleDx = work.ScaleDx,
            ScaleDy = work.ScaleDy,
            Uncertainty = work.Request.Uncertainty,
            CloudOptimized = work.Request.CloudOptimized,
            Bands = DisplacementBands.Names(work.Request.Uncertainty).ToArray(),
            Tiles = tiles.Length,
            TilesReused = tiles.Count(t => t.Reused),
            Windows = tiles.Sum(t => t.Windows),
            WindowsWithoutEstimate = tiles.Sum(t => t.WindowsWithoutEstimate),
            TilesPerSilo = tiles.GroupBy(t => t.Silo).ToDictionary(g => g.Key, g => g.Count()),
            TileDetails = tiles.Select(t => new TileReport(t.ChunkIndex, t.Silo, t.Role, t.Reused, t.Windows, t.WindowsWithoutEstimate, Math.Round(t.Seconds, 3))).ToArray(),
            Timings = new TimingReport(Math.Round(work.PrepareSeconds, 3), Math.Round(work.TileSeconds, 3), Math.Round(mosaicSeconds, 3), Math.Round(stitchSeconds, 3)),
            StitchedBy = silo.Name,
            QuickLookSkipped = quickLookSkipped,
            Results = results.ToArray(),
            FinishedAt = DateTimeOffset.UtcNow,
        };
    }
}

/// <summary>results/&lt;scene&gt;/report.json.</summary>
public sealed record SceneReportDocument
{
    public required string SceneId { get; init; }
    public required string Method { get; init; }
    public required string ModelHash { get; init; }
    public required string Pre { get; init; }
    public required string Post { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public int Window { get; init; }
    public int Step { get; init; }
    public int ChunkSize { get; init; }
    public int Chunks { get; init; }
    public required string Units { get; init; }
    public double ScaleDx { get; init; }
    public double ScaleDy { get; init; }
    public bool Uncertainty { get; init; }
    public bool CloudOptimized { get; init; }
    public required string[] Bands { get; init; }
    public int Tiles { get; init; }
    public int TilesReused { get; init; }
    public long Windows { get; init; }
    public long WindowsWithoutEstimate { get; init; }
    public required Dictionary<string, int> TilesPerSilo { get; init; }
    public required TileReport[] TileDetails { get; init; }
    public required TimingReport Timings { get; init; }
    public required string StitchedBy { get; init; }
    public string? QuickLookSkipped { get; init; }
    public required string[] Results { get; init; }
    public DateTimeOffset FinishedAt { get; init; }

    public static SceneReportDocument FromJson(string json) =>
        JsonSerializer.Deserialize<SceneReportDocument>(json, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase })
        ?? throw new InvalidDataException("Empty report.");
}

public sealed record TileReport(int Chunk, string Silo, string Role, bool Reused, long Windows, long WindowsWithoutEstimate, double Seconds);

public sealed record TimingReport(double PrepareSeconds, double TileSeconds, double MosaicSeconds, double StitchSeconds);
