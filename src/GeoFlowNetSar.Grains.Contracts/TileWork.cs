namespace GeoFlowNetSar.Grains.Contracts;

/// <summary>
/// One chunk to estimate. Holds the scene geometry needed to rebuild the chunk plan on the tile's silo (so the chunk
/// is the very one the embedded run would process) and blob names; never pixels.
/// </summary>
[GenerateSerializer]
[Alias("GeoFlowNetSar.TileWork")]
public sealed record TileWork
{
    [Id(0)] public required string SceneId { get; init; }
    [Id(1)] public required int ChunkIndex { get; init; }
    [Id(2)] public required string Method { get; init; }
    [Id(3)] public required int Window { get; init; }
    [Id(4)] public required int Step { get; init; }
    [Id(5)] public required int SceneWidth { get; init; }
    [Id(6)] public required int SceneHeight { get; init; }
    [Id(7)] public required int ChunkSize { get; init; }
    [Id(8)] public required string PreBlob { get; init; }
    [Id(9)] public required string PostBlob { get; init; }

    /// <summary>Where the accumulator goes; its existence means the tile is done (idempotence key).</summary>
    [Id(10)] public required string AccumulatorBlob { get; init; }

    /// <summary>Hash of the model weights ("none" for correlators): part of the idempotence key.</summary>
    [Id(11)] public string ModelHash { get; init; } = "none";

    /// <summary>Coarse-offset mode of dense methods ("auto" or "off"): changes the result, so part of the run key.</summary>
    [Id(12)] public string Coarse { get; init; } = "auto";

    /// <summary>Dense methods: average the four mirror-image predictions; changes the result, so part of the run key.</summary>
    [Id(13)] public bool FlipAverage { get; init; } = true;
}

/// <summary>What a tile did; small on purpose (the accumulator itself stays in the blob store).</summary>
[GenerateSerializer]
[Alias("GeoFlowNetSar.TileSummary")]
public sealed record TileSummary
{
    [Id(0)] public required int ChunkIndex { get; init; }
    [Id(1)] public long Windows { get; init; }
    [Id(2)] public long WindowsWithoutEstimate { get; init; }

    /// <summary>Name of the silo that ran (or found) the tile.</summary>
    [Id(3)] public required string Silo { get; init; }

    /// <summary>The role the tile needed (gpu or cpu).</summary>
    [Id(4)] public required string Role { get; init; }
    [Id(5)] public double Seconds { get; init; }

    /// <summary>The accumulator existed already: nothing was computed.</summary>
    [Id(6)] public bool Reused { get; init; }
    [Id(7)] public required string AccumulatorBlob { get; init; }
}
