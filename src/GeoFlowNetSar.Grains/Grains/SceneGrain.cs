using System.Diagnostics;
using GeoFlowNetSar.Core.Telemetry;
using GeoFlowNetSar.Core.Tiling;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Estimators.CoarseOffset;
using GeoFlowNetSar.Grains.Contracts;
using GeoFlowNetSar.Grains.Hosting;
using GeoFlowNetSar.Grains.Services;
using GeoFlowNetSar.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace GeoFlowNetSar.Grains.Grains;

/// <summary>
/// Orchestrates one scene: validates the request, cuts the inputs into chunk blobs, fans tiles out with bounded
/// concurrency (each retried up to <see cref="GeoFlowSiloOptions.MaxTileAttempts"/> times), then asks the stitcher for
/// the mosaic. Reentrant so that status and cancel answer while the run goes on in the background; every continuation
/// still runs on this activation's scheduler, one at a time.
/// Resumption: while a run is unfinished the grain holds a reminder (persisted with the reminder service: Redis in a
/// cluster), so when its silo dies or the whole cluster restarts the reminder re-activates it elsewhere, and an
/// activation that finds an unfinished run in its persisted state starts it again. Tiles whose accumulators already
/// exist are reused, so only the unfinished ones are computed. A silo that is stopping never records a scene as Failed
/// or Cancelled because its own tiles were interrupted: it leaves the run to be resumed.
/// </summary>
[Reentrant]
public sealed class SceneGrain(
    [PersistentState("scene", GeoFlowStorage.Name)] IPersistentState<SceneGrainState> state,
    IBlobStore store,
    EstimatorCatalog catalog,
    ClusterRoles roles,
    ILocalSiloDetails silo,
    IOptions<GeoFlowSiloOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<SceneGrain> logger) : Grain, ISceneGrain, IRemindable
{
    private static readonly TimeSpan ProgressWriteInterval = TimeSpan.FromSeconds(2);
    private const string ResumeReminder = "resume";

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private Task? _run;
    private CancellationTokenSource? _cancel;
    private DateTime _lastProgressWrite;
    private bool _handingOver;

    private string SceneId => this.GetPrimaryKeyString();

    private SceneStatus Status => state.State.Status ?? new SceneStatus { SceneId = SceneId, State = SceneState.Pending, Reason = "never submitted" };

    // The silo is shutting down (gracefully or not) or this activation is being deactivated: the run is handed over.
    private bool Stopping => _handingOver || lifetime.ApplicationStopping.IsCancellationRequested;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ResumeIfUnfinished();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_run is { IsCompleted: false } run)
        {
            logger.LogInformation("Scene {Scene} deactivates mid-run ({Reason}); its reminder resumes it", SceneId, reason);
            _handingOver = true;
            await _cancel!.CancelAsync();
            try
            {
                await run.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ResumeReminder) return;
        if (state.State is not { Request: not null, Status.IsFinished: false })
            await ForgetResumeReminderAsync();
        else
            ResumeIfUnfinished();
    }

    private void ResumeIfUnfinished()
    {
        if (_run is { IsCompleted: false } || state.State is not { Request: { } request, Status: { IsFinished: false } status }) return;
        logger.LogInformation("Scene {Scene} was {State} when its previous activation ended; resuming", SceneId, status.State);
        state.State.Status = status with { Resumptions = status.Resumptions + 1 };
        StartRun(request);
    }

    public async Task<SceneStatus> Submit(SceneRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.Equals(request.SceneId, SceneId, StringComparison.Ordinal))
            throw new ArgumentException($"The request is for scene '{request.SceneId}' but was sent to scene grain '{SceneId}'.", nameof(request));
        if (_run is { IsCompleted: false } previous)
        {
            if (!Status.IsFinished) return Status;
            await previous; // only removing its reminder, which must not remove the new run's
        }

        state.State = new SceneGrainState
        {
            Request = request,
            Status = new SceneStatus { SceneId = SceneId, State = SceneState.Pending, Method = request.Method, StartedAt = DateTimeOffset.UtcNow },
        };
        // Before the state says "submitted": a silo lost right after the write still has a reminder to resume the scene.
        await this.RegisterOrUpdateReminder(ResumeReminder, options.Value.ResumeCheckPeriod, options.Value.ResumeCheckPeriod);
        await WriteAsync();
        await GrainFactory.GetGrain<ISceneCatalogGrain>(ISceneCatalogGrain.Key).Register(SceneId);
        StartRun(request);
        return Status;
    }

    public Task<SceneStatus> GetStatus() => Task.FromResult(Status);

    public async Task<SceneStatus> Cancel()
    {
        if (_run is { IsCompleted: false } run)
        {
            await _cancel!.CancelAsync();
            await run;
        }
        else if (state.State.Status is { IsFinished: false })
        {
            await SetAsync(s => s with { State = SceneState.Cancelled, Reason = "cancelled by request", FinishedAt = DateTimeOffset.UtcNow });
            await ForgetResumeReminderAsync();
        }
        return Status;
    }

    private void StartRun(SceneRequest request)
    {
        _cancel?.Dispose();
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        _run = RunAsync(request, _cancel.Token);
    }

    // Never throws: every outcome ends in a persisted Done, Failed or Cancelled.
    private async Task RunAsync(SceneRequest request, CancellationToken cancellationToken)
    {
        DelayDeactivation(Timeout.InfiniteTimeSpan);
        using var activity = GeoFlowTelemetry.Source.StartActivity(SpanNames.SceneRun);
        activity?.SetTag(TagNames.Scene, SceneId);
        activity?.SetTag(TagNames.Method, request.Method);
        activity?.SetTag(TagNames.Silo, silo.Name);
        var clock = Stopwatch.StartNew();
        try
        {
            await this.RegisterOrUpdateReminder(ResumeReminder, options.Value.ResumeCheckPeriod, options.Value.ResumeCheckPeriod);
            await SetAsync(s => s with { State = SceneState.Preparing, Reason = null, FinishedAt = null, Results = [], Coordinator = silo.Name });
            var method = ResolveMethod(request);
            int window = request.Window ?? method.DefaultWindow, step = request.Step ?? method.DefaultStep;
            ValidateSettings(request, window, step);

            if (!await roles.AnySiloHasRoleAsync(method.Role, options.Value.RoleDiscoveryTimeout, cancellationToken))
                throw new SceneRejectedException(
                    $"No silo in the cluster has role={method.Role}, which method '{method.Name}' needs " +
                    $"(silo roles: {DescribeRoles()}). Start a silo whose roles include {method.Role}.");

            var pre = await store.GetInfoAsync(request.PreBlob, cancellationToken)
                ?? throw new SceneRejectedException($"PRE input '{request.PreBlob}' does not exist in {store.Description}.");
            var post = await store.GetInfoAsync(request.PostBlob, cancellationToken)
                ?? throw new SceneRejectedException($"POST input '{request.PostBlob}' does not exist in {store.Description}.");

            // A scene's results only ever come from its latest run.
            await store.DeletePrefixAsync(SceneLayout.ResultsPrefix(SceneId), cancellationToken);

            string runKey = SceneLayout.RunKey(
                "chunks-v1", request.PreBlob, pre.Length, pre.LastModified.UtcTicks, request.PostBlob, post.Length, post.LastModified.UtcTicks,
                request.Band, request.InputIsDecibels, method.Name, window, step, request.ChunkSize?.ToString() ?? "auto", method.ModelHash,
                method.Footprint == EstimateFootprint.DenseWindow ? "coarse-" + request.Coarse.ToLowerInvariant() : "coarse-n/a",
                method.Footprint == EstimateFootprint.DenseWindow ? (request.FlipAverage ? "flips-on" : "flips-off") : "flips-n/a");
            state.State.RunKey = runKey;
            PreparedScene prepared;
            using (var prepare = GeoFlowTelemetry.Source.StartActivity(SpanNames.ScenePrepare))
            {
                prepared = await ScenePreparation.PrepareAsync(
                    store, request, method.Footprint, window, step, runKey, options.Value.ResolveWorkFolder(), cancellationToken);
                prepare?.SetTag(TagNames.Width, prepared.Width);
                prepare?.SetTag(TagNames.Height, prepared.Height);
            }
            var (scaleDx, scaleDy) = Scales(request, prepared);
            var plan = new ChunkPlan(new WindowGrid(prepared.Width, prepared.Height, window, step), method.Footprint, prepared.ChunkSize);
            double prepareSeconds = clock.Elapsed.TotalSeconds;

            var tiles = await RunTilesAsync(request, method, window, step, prepared, plan, runKey, cancellationToken);
            double tileSeconds = clock.Elapsed.TotalSeconds - prepareSeconds;

            await SetAsync(s => s with { State = SceneState.Stitching, EstimatedRemaining = null });
            var stitched = await GrainFactory.GetGrain<IStitcherGrain>(SceneId).Stitch(new StitchWork
            {
                Request = request,
                Method = method.Name,
                Window = window,
                Step = step,
                SceneWidth = prepared.Width,
                SceneHeight = prepared.Height,
                ChunkSize = prepared.ChunkSize,
                Tiles = tiles,
                ScaleDx = scaleDx,
                ScaleDy = scaleDy,
                GeoreferenceBlob = prepared.HasGeoreference ? SceneLayout.Georeference(SceneId, runKey) : null,
                ModelHash = method.ModelHash,
                PrepareSeconds = prepareSeconds,
                TileSeconds = tileSeconds,
            }, cancellationToken);

            await SetAsync(s => s with
            {
                State = SceneState.Done,
                Reason = stitched.QuickLookSkipped is null ? null : $"no quick-look: {stitched.QuickLookSkipped}",
                Results = stitched.Results.ToArray(),
                FinishedAt = DateTimeOffset.UtcNow,
                MegapixelsPerSecond = (double)prepared.Width * prepared.Height / 1e6 / Math.Max(1e-9, clock.Elapsed.TotalSeconds),
            });
            GeoFlowTelemetry.ScenesFinished.Add(1, new TagList { { TagNames.State, nameof(SceneState.Done) }, { TagNames.Method, method.Name } });
            await ForgetResumeReminderAsync();
        }
        catch (Exception error) when (Stopping)
        {
            // Not the scene's fault: the state stays unfinished and the reminder resumes it on a live silo.
            logger.LogInformation("Scene {Scene}: silo {Silo} stops mid-run ({Error}); leaving it to be resumed", SceneId, silo.Name, error.Message);
            activity?.SetTag(TagNames.State, "handed_over");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await FinishAsync(SceneState.Cancelled, "cancelled by request");
        }
        catch (SceneRejectedException rejected)
        {
            activity.RecordError(rejected);
            await FinishAsync(SceneState.Failed, rejected.Message);
        }
        catch (BlobStoreUnavailableException outage)
        {
            logger.LogError(outage, "Scene {Scene}: blob storage unavailable", SceneId);
            activity.RecordError(outage);
            await FinishAsync(SceneState.Failed, $"blob storage unavailable: {outage.Message}");
        }
        catch (Exception error)
        {
            logger.LogError(error, "Scene {Scene} failed", SceneId);
            activity.RecordError(error);
            await FinishAsync(SceneState.Failed, $"internal error: {error.GetType().Name}: {error.Message}");
        }
        finally
        {
            DelayDeactivation(TimeSpan.Zero);
        }
    }

    private async Task<TileSummary[]> RunTilesAsync(
        SceneRequest request, EstimatorMethod method, int window, int step, PreparedScene prepared, ChunkPlan plan, string runKey,
        CancellationToken cancellationToken)
    {
        var chunks = plan.Chunks.Where(c => c.WindowCount > 0).ToArray();
        state.State.Tiles = [];
        await SetAsync(s => s with
        {
            State = SceneState.Running, TilesTotal = chunks.Length, TilesDone = 0, TilesReused = 0, TileRetries = 0,
            Width = prepared.Width, Height = prepared.Height, TilesPerSilo = new Dictionary<string, int>(),
        });

        var results = new TileSummary?[plan.Chunks.Count];
        var clock = Stopwatch.StartNew();
        long pixelsComputed = 0;
        int computed = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var gate = new SemaphoreSlim(Math.Max(1, options.Value.MaxConcurrentTiles));

        async Task RunOne(Chunk chunk)
        {
            await gate.WaitAsync(stop.Token);
            try
            {
                var work = new TileWork
                {
                    SceneId = SceneId,
                    ChunkIndex = chunk.Index,
                    Method = method.Name,
                    Window = window,
                    Step = step,
                    SceneWidth = prepared.Width,
                    SceneHeight = prepared.Height,
                    ChunkSize = prepared.ChunkSize,
                    PreBlob = SceneLayout.ChunkPre(SceneId, runKey, chunk.Index),
                    PostBlob = SceneLayout.ChunkPost(SceneId, runKey, chunk.Index),
                    AccumulatorBlob = SceneLayout.Accumulator(SceneId, runKey, chunk.Index),
                    ModelHash = method.ModelHash,
                    Coarse = request.Coarse,
                    FlipAverage = request.FlipAverage,
                };
                TileSummary summary;
                var lossDeadline = DateTime.UtcNow + options.Value.SiloLossGracePeriod;
                var delay = options.Value.TileRetryDelay;
                for (int attempt = 1; ; )
                {
                    try
                    {
                        summary = await Tile(method.Role, SceneLayout.TileKey(SceneId, runKey, chunk.Index)).Process(work, stop.Token);
                        break;
                    }
                    catch (Exception error) when (!stop.IsCancellationRequested && IsSiloLoss(error) && DateTime.UtcNow < lossDeadline)
                    {
                        // The tile's silo is gone or unreachable: not the tile's fault. Wait for the cluster to declare it dead
                        // (then the tile is placed anew) without spending an attempt.
                        logger.LogWarning("Scene {Scene}: chunk {Chunk} lost its silo ({Error}); retrying in {Delay}", SceneId, chunk.Index, error.Message, delay);
                        state.State.Status = Status with { TileRetries = Status.TileRetries + 1 };
                        GeoFlowTelemetry.TileRetries.Add(1, new TagList { { TagNames.Reason, "silo_lost" }, { TagNames.Method, method.Name } });
                        await Task.Delay(delay, stop.Token);
                        delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
                    }
                    catch (Exception error) when (!stop.IsCancellationRequested && attempt < Math.Max(1, options.Value.MaxTileAttempts))
                    {
                        logger.LogWarning(error, "Scene {Scene}: chunk {Chunk} attempt {Attempt} failed; retrying", SceneId, chunk.Index, attempt);
                        state.State.Status = Status with { TileRetries = Status.TileRetries + 1 };
                        GeoFlowTelemetry.TileRetries.Add(1, new TagList { { TagNames.Reason, "error" }, { TagNames.Method, method.Name } });
                        attempt++;
                        await Task.Delay(options.Value.TileRetryDelay, stop.Token);
                    }
                    catch (Exception error) when (!stop.IsCancellationRequested)
                    {
                        throw new SceneRejectedException($"Chunk {chunk.Index} failed {attempt} time(s); last error: {error.Message}", error);
                    }
                }

                results[chunk.Index] = summary;
                state.State.Tiles.Add(summary);
                if (!summary.Reused)
                {
                    computed++;
                    pixelsComputed += chunk.Core.Area;
                }
                int done = Status.TilesDone + 1;
                var perSilo = new Dictionary<string, int>(Status.TilesPerSilo);
                perSilo[summary.Silo] = perSilo.GetValueOrDefault(summary.Silo) + 1;
                double elapsed = Math.Max(1e-9, clock.Elapsed.TotalSeconds);
                TimeSpan? remaining = computed > 0 ? TimeSpan.FromSeconds(elapsed / computed * (chunks.Length - done)) : null;
                state.State.Status = Status with
                {
                    TilesDone = done,
                    TilesReused = Status.TilesReused + (summary.Reused ? 1 : 0),
                    TilesPerSilo = perSilo,
                    MegapixelsPerSecond = pixelsComputed / 1e6 / elapsed,
                    EstimatedRemaining = remaining,
                };
                await WriteProgressAsync();
            }
            catch
            {
                await stop.CancelAsync();
                throw;
            }
            finally
            {
                gate.Release();
            }
        }

        var running = chunks.Select(RunOne).ToArray();
        try
        {
            await Task.WhenAll(running);
        }
        catch when (running.FirstOrDefault(t => t.IsFaulted && t.Exception!.InnerException is not OperationCanceledException) is { } failed)
        {
            // Report the tile that failed, not one of those cancelled because of it.
            throw failed.Exception!.InnerException!;
        }
        await WriteAsync();
        return results.Where(r => r is not null).Select(r => r!).ToArray();
    }

    // Messaging failures towards a silo that died or is dying (as opposed to an error raised by the tile's own work).
    private static bool IsSiloLoss(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is SiloUnavailableException or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException or TimeoutException)
                return true;
        return false;
    }

    private ITileGrain Tile(string role, string key) => role == SiloRoles.Gpu
        ? GrainFactory.GetGrain<IGpuTileGrain>(key)
        : GrainFactory.GetGrain<ICpuTileGrain>(key);

    private EstimatorMethod ResolveMethod(SceneRequest request)
    {
        if (!catalog.TryGet(request.Method ?? string.Empty, out var method))
            throw new SceneRejectedException($"Unknown method '{request.Method}'. Available: {string.Join(", ", catalog.AvailableNames)}.");
        return method;
    }

    private static void ValidateSettings(SceneRequest request, int window, int step)
    {
        if (window < 8) throw new SceneRejectedException($"The window must be at least 8 pixels (got {window}).");
        if (step < 1) throw new SceneRejectedException($"The step must be at least 1 pixel (got {step}).");
        if (request.ChunkSize is < 1) throw new SceneRejectedException($"The chunk size must be at least 1 pixel (got {request.ChunkSize}).");
        if (request.Band < 1) throw new SceneRejectedException($"The band number is 1-based (got {request.Band}).");
        if (request.Units is not ("px" or "m")) throw new SceneRejectedException($"Units must be px or m (got '{request.Units}').");
        if (CoarseOffsetModes.Parse(request.Coarse) is null) throw new SceneRejectedException($"Coarse must be auto or off (got '{request.Coarse}').");
    }

    private static (double Dx, double Dy) Scales(SceneRequest request, PreparedScene prepared)
    {
        if (request.Units == "px") return (1, 1);
        double range = request.RangeSpacing ?? prepared.PixelSpacingX;
        double azimuth = request.AzimuthSpacing ?? prepared.PixelSpacingY;
        if (!(range > 0) || !(azimuth > 0) || !double.IsFinite(range) || !double.IsFinite(azimuth))
            throw new SceneRejectedException(
                $"'{request.PreBlob}': the pixel spacing is not in the raster; give the range and azimuth spacing (metres) for units m.");
        return (range, azimuth);
    }

    private string DescribeRoles()
    {
        var known = roles.Known();
        return known.Count == 0 ? "none known" : string.Join("; ", known.Select(k => $"{k.Key}: {string.Join(",", k.Value)}"));
    }

    private async Task FinishAsync(SceneState final, string reason)
    {
        try
        {
            if (final != SceneState.Done) await store.DeletePrefixAsync(SceneLayout.ResultsPrefix(SceneId));
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Scene {Scene}: could not remove partial results", SceneId);
        }
        await SetAsync(s => s with { State = final, Reason = reason, FinishedAt = DateTimeOffset.UtcNow, EstimatedRemaining = null, Results = [] });
        GeoFlowTelemetry.ScenesFinished.Add(1, new TagList { { TagNames.State, final.ToString() }, { TagNames.Method, Status.Method } });
        await ForgetResumeReminderAsync();
    }

    private async Task ForgetResumeReminderAsync()
    {
        try
        {
            if (await this.GetReminder(ResumeReminder) is { } reminder) await this.UnregisterReminder(reminder);
        }
        catch (Exception error)
        {
            // Harmless: a reminder ticking for a finished scene unregisters itself.
            logger.LogWarning(error, "Scene {Scene}: could not remove the resume reminder", SceneId);
        }
    }

    private Task SetAsync(Func<SceneStatus, SceneStatus> change)
    {
        state.State.Status = change(Status);
        return WriteAsync();
    }

    private async Task WriteProgressAsync()
    {
        if (DateTime.UtcNow - _lastProgressWrite < ProgressWriteInterval) return;
        await WriteAsync();
    }

    // Reentrancy lets two turns reach a write; storage providers want one at a time (ETags).
    private async Task WriteAsync()
    {
        await _writeGate.WaitAsync();
        try
        {
            _lastProgressWrite = DateTime.UtcNow;
            await state.WriteStateAsync();
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
