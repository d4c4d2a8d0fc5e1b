namespace GeoFlowNetSar.Grains.Contracts;

[GenerateSerializer]
[Alias("GeoFlowNetSar.SceneState")]
public enum SceneState
{
    /// <summary>Never submitted (or accepted and not started yet).</summary>
    Pending,
    /// <summary>Validating the inputs and cutting them into chunk blobs.</summary>
    Preparing,
    /// <summary>Tiles are being processed.</summary>
    Running,
    /// <summary>The stitcher is writing the mosaic and the report.</summary>
    Stitching,
    Done,
    Failed,
    Cancelled,
}

/// <summary>Where a scene is. <see cref="Reason"/> explains Failed and Cancelled in words meant for a person.</summary>
[GenerateSerializer]
[Alias("GeoFlowNetSar.SceneStatus")]
public sealed record SceneStatus
{
    [Id(0)] public required string SceneId { get; init; }
    [Id(1)] public SceneState State { get; init; }
    [Id(2)] public string? Reason { get; init; }
    [Id(3)] public string? Method { get; init; }
    [Id(4)] public int TilesDone { get; init; }
    [Id(5)] public int TilesTotal { get; init; }

    /// <summary>Of <see cref="TilesDone"/>, how many reused an accumulator computed earlier (idempotent tiles).</summary>
    [Id(6)] public int TilesReused { get; init; }
    [Id(7)] public double MegapixelsPerSecond { get; init; }
    [Id(8)] public TimeSpan? EstimatedRemaining { get; init; }

    /// <summary>Tiles done per silo (silo name → count), reused ones included.</summary>
    [Id(9)] public IReadOnlyDictionary<string, int> TilesPerSilo { get; init; } = new Dictionary<string, int>();
    [Id(10)] public DateTimeOffset? StartedAt { get; init; }
    [Id(11)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Result blobs once Done (mosaic, report, quick-look).</summary>
    [Id(12)] public IReadOnlyList<string> Results { get; init; } = [];
    [Id(13)] public int Width { get; init; }
    [Id(14)] public int Height { get; init; }

    /// <summary>Tile attempts that failed and were retried.</summary>
    [Id(15)] public int TileRetries { get; init; }

    /// <summary>The silo whose scene grain runs the scene.</summary>
    [Id(16)] public string? Coordinator { get; init; }

    /// <summary>Times the run was resumed after its silo stopped (a cluster restart, a lost silo).</summary>
    [Id(17)] public int Resumptions { get; init; }

    public bool IsFinished => State is SceneState.Done or SceneState.Failed or SceneState.Cancelled;
}
