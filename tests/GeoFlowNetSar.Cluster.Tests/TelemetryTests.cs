using System.Diagnostics;
using GeoFlowNetSar.Core.Telemetry;
using GeoFlowNetSar.Core.Tiling;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Grains.Contracts;
using GeoFlowNetSar.Grains.Grains;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace GeoFlowNetSar.Cluster.Tests;

/// <summary>
/// Three small scenes on the split-role cluster (U-Net stand-in on the gpu silo, a correlator and a flaky correlator on
/// the cpu silo), observed with OpenTelemetry's in-memory exporters: the trace of each scene and the metrics of all three.
/// </summary>
[Collection(SplitRoleClusterCollection.Name)]
public sealed class TelemetryTests(SplitRoleCluster cluster)
{
    private const string OrleansApplicationSource = "Microsoft.Orleans.Application";

    [Fact]
    public async Task One_submitted_scene_is_one_trace_from_the_client_through_tiles_and_stitch_to_the_uploads()
    {
        var run = await TelemetryRun.GetAsync(cluster);

        foreach (var scene in run.Scenes)
        {
            var trace = run.Trace(scene.Id);
            string what = $"scene {scene.Id}";

            var submit = Assert.Single(trace.Named(SpanNames.SceneSubmit));
            Assert.Null(submit.Parent);
            Assert.Equal(scene.Id, submit.Tag(TagNames.Scene));
            Assert.Equal(ActivityKind.Client, submit.Activity.Kind);

            // scene.run is the silo side of the submit call: its direct parent is Orleans' span for that call, so the
            // context crossed the client/silo boundary through Orleans' messaging.
            var sceneRun = Assert.Single(trace.Named(SpanNames.SceneRun));
            Assert.Same(submit, sceneRun.OwnParent);
            Assert.Equal(OrleansApplicationSource, sceneRun.Parent!.Activity.Source.Name);
            Assert.Equal(scene.Status.Coordinator, sceneRun.Tag(TagNames.Silo));

            var prepare = Assert.Single(trace.Named(SpanNames.ScenePrepare));
            Assert.Same(sceneRun, prepare.OwnParent);

            var tiles = trace.Named(SpanNames.TileProcess).Where(t => t.Activity.Status != ActivityStatusCode.Error).ToList();
            Assert.Equal(scene.Report.Tiles, tiles.Count);
            Assert.Equal(scene.Status.TilesTotal, tiles.Count);
            Assert.All(tiles, t => Assert.Same(sceneRun, t.OwnParent));
            Assert.All(tiles, t => Assert.Equal(OrleansApplicationSource, t.Parent!.Activity.Source.Name));
            Assert.Equal(Enumerable.Range(0, tiles.Count), tiles.Select(t => int.Parse(t.Tag(TagNames.Chunk)!)).Order());
            foreach (var detail in scene.Report.TileDetails)
            {
                var tile = tiles.Single(t => t.Tag(TagNames.Chunk) == detail.Chunk.ToString());
                Assert.Equal((detail.Silo, detail.Role, scene.Method), (tile.Tag(TagNames.Silo), tile.Tag(TagNames.Role), tile.Tag(TagNames.Method)));
                Assert.Equal(detail.Windows.ToString(), tile.Tag(TagNames.Windows));
                Assert.Equal("False", tile.Tag(TagNames.Reused));
                Assert.NotNull(tile.Tag(TagNames.ChunkRect));

                // The estimator's batches hang under their tile and add up to its windows.
                var batches = tile.Children.Where(c => c.Name == scene.BatchSpan).ToList();
                Assert.NotEmpty(batches);
                Assert.Equal(detail.Windows, batches.Sum(b => long.Parse(b.Tag(TagNames.BatchSize)!)));
                Assert.DoesNotContain(tile.Children, c => c.Name is SpanNames.UnetBatch or SpanNames.CorrelateBatch && c.Name != scene.BatchSpan);

                // Its accumulator goes up under it, with its size.
                var accumulator = Assert.Single(tile.Children, c => c.Name == SpanNames.BlobUpload && c.Tag(TagNames.Blob)!.EndsWith(".acc", StringComparison.Ordinal));
                long stored = (await cluster.Store.GetInfoAsync(accumulator.Tag(TagNames.Blob)!))!.Length;
                Assert.Equal(stored.ToString(), accumulator.Tag(TagNames.Bytes));
            }
            Assert.Equal(scene.Report.TilesPerSilo.Keys.Order(), tiles.Select(t => t.Tag(TagNames.Silo)!).Distinct().Order());

            var stitch = Assert.Single(trace.Named(SpanNames.Stitch));
            Assert.Same(sceneRun, stitch.OwnParent);
            Assert.Equal(scene.Report.StitchedBy, stitch.Tag(TagNames.Silo));
            Assert.True(stitch.Activity.StartTimeUtc >= tiles.Max(t => t.Activity.StartTimeUtc + t.Activity.Duration), "stitch started before the last tile ended");
            var uploads = stitch.Children.Where(c => c.Name == SpanNames.BlobUpload).ToDictionary(c => c.Tag(TagNames.Blob)!);
            Assert.Equal(scene.Status.Results.Order(), uploads.Keys.Order());
            foreach (var (blob, upload) in uploads)
                Assert.Equal((await cluster.Store.GetInfoAsync(blob))!.Length.ToString(), upload.Tag(TagNames.Bytes));

            // Every span of ours that names this scene is in this one trace.
            Assert.All(run.Spans.Where(s => s.Source.Name == GeoFlowTelemetry.Name && (string?)s.GetTagItem(TagNames.Scene) == scene.Id),
                s => Assert.Equal(submit.Activity.TraceId, s.TraceId));
            Assert.True(trace.Spans.Count(s => s.Activity.Source.Name == GeoFlowTelemetry.Name) >= 4 + 3 * tiles.Count, what);
        }

        // The flaky scene's first tile attempt failed: that span carries the error and its exception, and a retry
        // under the same scene.run succeeded.
        var flaky = run.Trace("telemetry-flaky");
        var failed = Assert.Single(flaky.Named(SpanNames.TileProcess), t => t.Activity.Status == ActivityStatusCode.Error);
        Assert.Contains("simulated estimator failure", failed.Activity.StatusDescription);
        Assert.Contains(failed.Activity.Events, e => e.Name == "exception");
        Assert.Single(failed.Children, c => c.Name == SpanNames.CorrelateBatch && c.Activity.Status == ActivityStatusCode.Error);
        Assert.Same(flaky.Named(SpanNames.SceneRun).Single(), failed.OwnParent);
    }

    [Fact]
    public async Task Metric_values_match_the_work_done()
    {
        var run = await TelemetryRun.GetAsync(cluster);
        var scenes = run.Scenes;
        int tiles = scenes.Sum(s => s.Report.Tiles);

        Assert.Equal(tiles, run.Sum("geoflownet.tiles.done", (TagNames.Reused, true)) + run.Sum("geoflownet.tiles.done", (TagNames.Reused, false)));
        Assert.Equal(0, run.Sum("geoflownet.tiles.done", (TagNames.Reused, true)));
        Assert.Equal(tiles, run.HistogramCount("geoflownet.tile.duration"));
        // Megapixels: the cores of the chunks that have windows (the scene's tiles), as SceneStatus counts them.
        var catalog = TestEstimators.Catalog(withGpuMethod: true);
        double megapixels = scenes.Sum(s => new ChunkPlan(new WindowGrid(s.Report.Width, s.Report.Height, s.Report.Window, s.Report.Step),
            catalog.Get(s.Method).Footprint, s.Report.ChunkSize).Chunks.Where(c => c.WindowCount > 0).Sum(c => c.Core.Area) / 1e6);
        Assert.Equal(megapixels, run.Sum("geoflownet.megapixels"), 9);
        foreach (var scene in scenes)
        {
            Assert.Equal(scene.Report.Windows, run.Sum("geoflownet.windows", (TagNames.Method, scene.Method)));
            // Batch-size histogram: its sum is the windows, its count the estimator calls that ran.
            Assert.Equal(scene.Report.Windows, run.HistogramSum("geoflownet.inference.batch.size", (TagNames.Method, scene.Method)), 9);
            var batches = run.Trace(scene.Id).Named(scene.BatchSpan).Where(b => b.Activity.Status != ActivityStatusCode.Error).ToList();
            long passes = run.HistogramCount("geoflownet.inference.batch.size", (TagNames.Method, scene.Method));
            if (scene.BatchSpan == SpanNames.CorrelateBatch)
            {
                Assert.Equal(batches.Count, passes);
                continue;
            }
            // The U-Net stand-in runs through the silo's cross-tile batcher: its forward passes (the histogram) gather the
            // windows of several tile calls, and each tile's unet.batch span has one "unet.pass" event per pass that
            // carried some of its windows, which add up to the span's windows.
            var events = batches.SelectMany(b => b.Activity.Events.Where(e => e.Name == "unet.pass").Select(e => (Batch: b, Event: e))).ToList();
            Assert.All(batches, b => Assert.Equal(long.Parse(b.Tag(TagNames.BatchSize)!),
                b.Activity.Events.Where(e => e.Name == "unet.pass").Sum(e => Convert.ToInt64(e.Tags.Single(t => t.Key == TagNames.Windows).Value))));
            int largestPass = events.Max(e => Convert.ToInt32(e.Event.Tags.Single(t => t.Key == TagNames.BatchSize).Value));
            Assert.InRange(passes, (scene.Report.Windows + largestPass - 1) / largestPass, events.Count);
        }
        Assert.Equal(scenes.Sum(s => s.Report.Tiles), run.Sum("geoflownet.tiles.done", (TagNames.Role, SiloRoles.Cpu)) + run.Sum("geoflownet.tiles.done", (TagNames.Role, SiloRoles.Gpu)));
        Assert.Equal(scenes.Single(s => s.Method == TestEstimators.Dense).Report.Tiles, run.Sum("geoflownet.tiles.done", (TagNames.Role, SiloRoles.Gpu)));

        // One flaky failure: one failed tile attempt, one retry, and every scene Done.
        Assert.Equal(1, run.Sum("geoflownet.tiles.failed"));
        Assert.Equal(1, run.Sum("geoflownet.tile.retries", (TagNames.Reason, "error")));
        Assert.Equal(scenes.Count, run.Sum("geoflownet.scenes.finished", (TagNames.State, "Done")));

        // Nothing left in flight or queued once the scenes are done.
        Assert.Equal(0, run.Sum("geoflownet.tiles.running"));
        Assert.Equal(0, run.Sum("geoflownet.tiles.queued"));

        // Uploads: at least every result blob and accumulator; downloads: at least every accumulator (read by the stitcher).
        long results = 0, accumulators = 0;
        foreach (var scene in scenes)
        {
            foreach (var blob in scene.Status.Results) results += (await cluster.Store.GetInfoAsync(blob))!.Length;
            foreach (var tile in scene.Report.TileDetails)
                accumulators += long.Parse(run.Trace(scene.Id).Named(SpanNames.TileProcess)
                    .Where(t => t.Tag(TagNames.Chunk) == tile.Chunk.ToString() && t.Activity.Status != ActivityStatusCode.Error)
                    .Single().Children.Single(c => c.Name == SpanNames.BlobUpload && c.Tag(TagNames.Blob)!.EndsWith(".acc", StringComparison.Ordinal))
                    .Tag(TagNames.Bytes)!);
        }
        Assert.True(run.Sum("geoflownet.blob.bytes", (TagNames.Direction, "upload")) >= results + accumulators);
        Assert.True(run.Sum("geoflownet.blob.bytes", (TagNames.Direction, "download")) >= accumulators);
        Assert.True(run.HistogramCount("geoflownet.blob.duration") > 0);
    }

    [Fact]
    public async Task Every_metric_and_span_a_dashboard_queries_is_emitted()
    {
        var run = await TelemetryRun.GetAsync(cluster);
        var emitted = run.PrometheusNames();
        var dashboards = Dashboards.Files();
        Assert.True(dashboards.Count >= 2, "no dashboards found");

        int checkedMetrics = 0;
        foreach (var (file, dashboard) in dashboards)
        {
            foreach (var query in dashboard.PromQl)
            {
                var names = Dashboards.MetricNames(query);
                Assert.True(names.Count > 0, $"{file}: no metric in '{query}'");
                foreach (var name in names)
                {
                    Assert.True(emitted.Contains(name), $"{file}: '{name}' (in '{query}') is not emitted; emitted: {string.Join(", ", emitted.Order())}");
                    checkedMetrics++;
                }
            }
            foreach (var query in dashboard.TraceQl)
                foreach (var span in Dashboards.SpanNames(query))
                    Assert.Contains(span, run.Spans.Select(s => s.DisplayName));
        }
        Assert.True(checkedMetrics >= 20, $"only {checkedMetrics} metric references checked");
    }
}

/// <summary>One observed run of three scenes, shared by the telemetry tests (the cluster fixture outlives them).</summary>
internal sealed class TelemetryRun
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static TelemetryRun? _run;

    public required IReadOnlyList<ObservedScene> Scenes { get; init; }
    public required IReadOnlyList<Activity> Spans { get; init; }
    public required IReadOnlyList<MetricSnapshot> Metrics { get; init; }

    public static async Task<TelemetryRun> GetAsync(TwoSiloCluster cluster)
    {
        await Gate.WaitAsync();
        try
        {
            return _run ??= await ObserveAsync(cluster);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<TelemetryRun> ObserveAsync(TwoSiloCluster cluster)
    {
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(GeoFlowTelemetry.Name, "Microsoft.Orleans.Application")
            .SetSampler(new AlwaysOnSampler())
            .AddInMemoryExporter(spans)
            .Build();
        using var meters = Sdk.CreateMeterProviderBuilder()
            .AddMeter(GeoFlowTelemetry.Name, "Microsoft.Orleans", "System.Runtime")
            .AddInMemoryExporter(metrics)
            .Build();

        var (pre, post) = SceneInputs.Speckle(192, 128, seed: 11);
        await cluster.PutRasterAsync("inputs/telemetry/pre.tif", pre);
        await cluster.PutRasterAsync("inputs/telemetry/post.tif", post);
        SceneRequest Request(string id, string method, int? window, int? step, int chunk) => new()
        {
            SceneId = id, PreBlob = "inputs/telemetry/pre.tif", PostBlob = "inputs/telemetry/post.tif", Method = method,
            Window = window, Step = step, ChunkSize = chunk,
        };

        var scenes = new List<ObservedScene>();
        foreach (var (request, batchSpan) in new[]
        {
            (Request("telemetry-dense", TestEstimators.Dense, null, null, 96), SpanNames.UnetBatch),
            (Request("telemetry-frequency", "frequency", 64, 32, 96), SpanNames.CorrelateBatch),
            (Request("telemetry-flaky", TestEstimators.Flaky, null, null, 96), SpanNames.CorrelateBatch),
        })
        {
            Interlocked.Exchange(ref TestEstimators.FlakyFailuresLeft, request.Method == TestEstimators.Flaky ? 1 : 0);
            var status = await cluster.RunAsync(request);
            Assert.True(status.State == SceneState.Done, $"{request.SceneId}: {status.State}: {status.Reason}");
            scenes.Add(new ObservedScene(request.SceneId, request.Method, batchSpan, status, await cluster.ReadReportAsync(request.SceneId)));
        }
        Interlocked.Exchange(ref TestEstimators.FlakyFailuresLeft, 0);

        // The status says Done a moment before scene.run ends (the span closes when the run's method returns).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Count() < scenes.Count && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(scenes.Count, Count());
        meters.ForceFlush();
        lock (spans)
            return new TelemetryRun { Scenes = scenes, Spans = spans.ToList(), Metrics = metrics.ToList() };

        int Count()
        {
            lock (spans) return spans.Count(s => s.DisplayName == SpanNames.SceneRun && s.Source.Name == GeoFlowTelemetry.Name);
        }
    }

    /// <summary>The trace started by the scene.submit span of <paramref name="sceneId"/>.</summary>
    public TraceTree Trace(string sceneId)
    {
        var submit = Spans.Single(s => s.DisplayName == SpanNames.SceneSubmit && (string?)s.GetTagItem(TagNames.Scene) == sceneId);
        return new TraceTree(Spans.Where(s => s.TraceId == submit.TraceId).ToList());
    }

    private IEnumerable<MetricPoint> Points(string name, (string Key, object Value)? filter)
    {
        var metric = Metrics.LastOrDefault(m => m.Name == name);
        if (metric is null) yield break;
        foreach (var point in metric.MetricPoints)
        {
            if (filter is { } f)
            {
                bool match = false;
                foreach (var tag in point.Tags)
                    match |= tag.Key == f.Key && Equals(tag.Value, f.Value);
                if (!match) continue;
            }
            yield return point;
        }
    }

    public double Sum(string name, (string Key, object Value)? filter = null)
    {
        var metric = Metrics.LastOrDefault(m => m.Name == name) ?? throw new InvalidOperationException($"metric {name} was not emitted");
        return Points(name, filter).Sum(p => metric.MetricType switch
        {
            MetricType.LongSum or MetricType.LongSumNonMonotonic => p.GetSumLong(),
            MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => p.GetSumDouble(),
            _ => throw new InvalidOperationException($"{name} is a {metric.MetricType}"),
        });
    }

    public long HistogramCount(string name, (string Key, object Value)? filter = null) => Points(name, filter).Sum(p => p.GetHistogramCount());

    public double HistogramSum(string name, (string Key, object Value)? filter = null) => Points(name, filter).Sum(p => p.GetHistogramSum());

    /// <summary>
    /// The series names a Prometheus server holds for the exported metrics, as the OpenTelemetry Collector's Prometheus
    /// exporter writes them: non-alphanumerics → '_', the unit as a suffix (s → seconds, By → bytes; {annotations}
    /// dropped), _total on monotonic sums, _bucket/_sum/_count on histograms.
    /// </summary>
    public HashSet<string> PrometheusNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metric in Metrics)
        {
            string name = Sanitize(metric.Name);
            string unit = UnitSuffix(metric.Unit);
            if (unit.Length > 0 && !name.EndsWith("_" + unit, StringComparison.Ordinal)) name += "_" + unit;
            switch (metric.MetricType)
            {
                case MetricType.LongSum or MetricType.DoubleSum:
                    names.Add(name + "_total");
                    break;
                case MetricType.Histogram:
                    names.UnionWith([name + "_bucket", name + "_sum", name + "_count"]);
                    break;
                default:
                    names.Add(name);
                    break;
            }
        }
        return names;
    }

    private static string Sanitize(string text) => new(text.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());

    private static string UnitSuffix(string? unit)
    {
        if (string.IsNullOrEmpty(unit)) return "";
        string stripped = System.Text.RegularExpressions.Regex.Replace(unit, @"\{[^}]*\}", "");
        return stripped switch
        {
            "" => "",
            "s" => "seconds",
            "ms" => "milliseconds",
            "By" => "bytes",
            "1" => "",
            _ => Sanitize(stripped),
        };
    }
}

internal sealed record ObservedScene(string Id, string Method, string BatchSpan, SceneStatus Status, SceneReportDocument Report);

/// <summary>The spans of one trace, linked by their parent ids.</summary>
internal sealed class TraceTree
{
    public TraceTree(IReadOnlyList<Activity> activities)
    {
        Spans = activities.Select(a => new Span(a, this)).ToList();
        var byId = Spans.ToDictionary(s => s.Activity.SpanId);
        foreach (var span in Spans)
            if (span.Activity.ParentSpanId != default && byId.TryGetValue(span.Activity.ParentSpanId, out var parent))
            {
                span.Parent = parent;
                parent.Children.Add(span);
            }
            else
            {
                Assert.True(span.Activity.ParentSpanId == default, $"{span.Name}'s parent {span.Activity.ParentSpanId} is not in the trace");
            }
    }

    public IReadOnlyList<Span> Spans { get; }

    public IEnumerable<Span> Named(string name) => Spans.Where(s => s.Name == name && s.Activity.Source.Name == GeoFlowTelemetry.Name);

    internal sealed class Span(Activity activity, TraceTree tree)
    {
        public Activity Activity { get; } = activity;
        public TraceTree Tree { get; } = tree;
        public string Name => Activity.DisplayName;
        public Span? Parent { get; set; }
        public List<Span> Children { get; } = [];

        /// <summary>The nearest ancestor from the GeoFlowNetSar source (skipping Orleans' call spans).</summary>
        public Span? OwnParent
        {
            get
            {
                for (var p = Parent; p is not null; p = p.Parent)
                    if (p.Activity.Source.Name == GeoFlowTelemetry.Name) return p;
                return null;
            }
        }

        public string? Tag(string key) => Activity.GetTagItem(key)?.ToString();

        public override string ToString() => Name;
    }
}
