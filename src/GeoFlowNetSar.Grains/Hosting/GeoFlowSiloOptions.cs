namespace GeoFlowNetSar.Grains.Hosting;

/// <summary>What one silo does and how much (bound from configuration section "GeoFlowNetSar" by the silo host).</summary>
public sealed class GeoFlowSiloOptions
{
    /// <summary>This silo's roles: "cpu", "gpu" or "gpu,cpu" (the embedded run carries both).</summary>
    public string Roles { get; set; } = "gpu,cpu";

    /// <summary>libtorch threads per estimator; null = all cores.</summary>
    public int? TorchThreads { get; set; }

    /// <summary>cpu, cuda or auto.</summary>
    public string? Device { get; set; }

    /// <summary>U-Net arithmetic: auto (bf16 on CPU, fp32 on CUDA), fp32 or bf16.</summary>
    public string? Precision { get; set; }

    /// <summary>
    /// Windows per U-Net forward pass, gathered from all the tiles running on the silo (CrossTileBatcher); null = the
    /// estimator's own batch size, 0 = no cross-tile batching (tiles take turns on the estimator).
    /// </summary>
    public int? CrossTileBatchWindows { get; set; }

    /// <summary>Longest a window waits for its pass to fill up before the pass runs anyway.</summary>
    public TimeSpan CrossTileBatchLatency { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Tiles a scene has in flight at once, over the whole cluster.</summary>
    public int MaxConcurrentTiles { get; set; } = 8;

    /// <summary>Attempts per tile before the scene fails (a failed attempt deactivates the tile grain, so the next may run elsewhere).</summary>
    public int MaxTileAttempts { get; set; } = 3;

    /// <summary>Pause before retrying a failed tile (doubling, up to 10 s, while its silo is being lost).</summary>
    public TimeSpan TileRetryDelay { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>
    /// How long a tile whose silo vanished (killed, unreachable) keeps being retried without using up its attempts: time
    /// for the cluster to declare the silo dead so that the tile can be placed elsewhere.
    /// </summary>
    public TimeSpan SiloLossGracePeriod { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Period of the reminder an unfinished scene holds: after a lost silo or a cluster restart the scene resumes within
    /// about this time. Orleans refuses periods below ReminderOptions.MinimumReminderPeriod (1 minute by default).
    /// </summary>
    public TimeSpan ResumeCheckPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Local scratch space (input copies for GDAL, the mosaic before upload). Default: the temp folder.</summary>
    public string? WorkFolder { get; set; }

    /// <summary>How long the scene grain waits for the metadata (roles) of every active silo before deciding a role is missing.</summary>
    public TimeSpan RoleDiscoveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Accumulators the stitcher downloads ahead of the one it merges.</summary>
    public int StitchPrefetch { get; set; } = 3;

    /// <summary>Longest side of the quick-look PNG, in pixels.</summary>
    public int QuickLookSize { get; set; } = 1024;

    public string ResolveWorkFolder()
    {
        string folder = string.IsNullOrWhiteSpace(WorkFolder) ? Path.Combine(Path.GetTempPath(), "geoflownet-silo") : WorkFolder;
        Directory.CreateDirectory(folder);
        return folder;
    }
}
