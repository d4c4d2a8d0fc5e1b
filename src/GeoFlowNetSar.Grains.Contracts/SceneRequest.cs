namespace GeoFlowNetSar.Grains.Contracts;

/// <summary>
/// One scene to process: PRE and POST as blob names in the cluster's blob store (any raster GDAL opens), the method
/// and its settings. Null window/step take the method's defaults. Everything that changes the result is part of
/// <see cref="SceneLayout.RunKey"/>, so a resubmission with other settings never reuses old tiles.
/// </summary>
[GenerateSerializer]
[Alias("GeoFlowNetSar.SceneRequest")]
public sealed record SceneRequest
{
    [Id(0)] public required string SceneId { get; init; }
    [Id(1)] public required string PreBlob { get; init; }
    [Id(2)] public required string PostBlob { get; init; }
    [Id(3)] public string Method { get; init; } = "frequency";
    [Id(4)] public int? Window { get; init; }
    [Id(5)] public int? Step { get; init; }

    /// <summary>Also write sigma_dx, sigma_dy.</summary>
    [Id(6)] public bool Uncertainty { get; init; }

    /// <summary>"px" or "m" (metres from the range/azimuth pixel spacing).</summary>
    [Id(7)] public string Units { get; init; } = "px";
    [Id(8)] public double? RangeSpacing { get; init; }
    [Id(9)] public double? AzimuthSpacing { get; init; }

    /// <summary>Chunk core edge in pixels; null picks it from the memory budget. Never changes the result.</summary>
    [Id(10)] public int? ChunkSize { get; init; }

    /// <summary>1-based band read from PRE and POST.</summary>
    [Id(11)] public int Band { get; init; } = 1;
    [Id(12)] public bool InputIsDecibels { get; init; }

    /// <summary>Write the mosaic as a Cloud-Optimized GeoTIFF (overviews).</summary>
    [Id(13)] public bool CloudOptimized { get; init; } = true;

    /// <summary>Dense methods (the U-Net): "auto" removes a coarse per-window offset first, "off" never does.</summary>
    [Id(14)] public string Coarse { get; init; } = "auto";

    /// <summary>Dense methods (the U-Net): average the predictions of the four range/azimuth mirror images.</summary>
    [Id(15)] public bool FlipAverage { get; init; } = true;
}
