namespace GeoFlowNetSar.Grains.Contracts;

/// <summary>Everything the stitcher needs: the plan's geometry, the accumulators in chunk order, output settings.</summary>
[GenerateSerializer]
[Alias("GeoFlowNetSar.StitchWork")]
public sealed record StitchWork
{
    [Id(0)] public required SceneRequest Request { get; init; }
    [Id(1)] public required string Method { get; init; }
    [Id(2)] public required int Window { get; init; }
    [Id(3)] public required int Step { get; init; }
    [Id(4)] public required int SceneWidth { get; init; }
    [Id(5)] public required int SceneHeight { get; init; }
    [Id(6)] public required int ChunkSize { get; init; }

    /// <summary>One per chunk, in chunk index order.</summary>
    [Id(7)] public required IReadOnlyList<TileSummary> Tiles { get; init; }

    /// <summary>Multipliers of dx and dy (1 for pixels; the pixel spacing for metres).</summary>
    [Id(8)] public double ScaleDx { get; init; } = 1;
    [Id(9)] public double ScaleDy { get; init; } = 1;

    /// <summary>Blob holding PRE's georeferencing (JSON), or null when PRE has none.</summary>
    [Id(10)] public string? GeoreferenceBlob { get; init; }
    [Id(11)] public string ModelHash { get; init; } = "none";

    /// <summary>Seconds spent validating and cutting the inputs, and processing tiles (for the report).</summary>
    [Id(12)] public double PrepareSeconds { get; init; }
    [Id(13)] public double TileSeconds { get; init; }
}

/// <summary>What the stitcher wrote.</summary>
[GenerateSerializer]
[Alias("GeoFlowNetSar.StitchResult")]
public sealed record StitchResult
{
    [Id(0)] public required IReadOnlyList<string> Results { get; init; }
    [Id(1)] public double Seconds { get; init; }
    [Id(2)] public required string Silo { get; init; }

    /// <summary>Why no quick-look PNG was written, when none was.</summary>
    [Id(3)] public string? QuickLookSkipped { get; init; }
}
