using GeoFlowNetSar.Grains.Contracts;

namespace GeoFlowNetSar.Grains.Grains;

/// <summary>The persisted state of a scene grain: the request, where it is, and the tiles finished in the current run.</summary>
[GenerateSerializer]
[Alias("GeoFlowNetSar.SceneGrainState")]
public sealed class SceneGrainState
{
    [Id(0)] public SceneRequest? Request { get; set; }
    [Id(1)] public SceneStatus? Status { get; set; }
    [Id(2)] public string? RunKey { get; set; }
    [Id(3)] public List<TileSummary> Tiles { get; set; } = [];
}

/// <summary>Names of the grain storage providers the grains use.</summary>
public static class GeoFlowStorage
{
    /// <summary>Scene and catalog state: memory in the embedded run and tests, Redis in a cluster.</summary>
    public const string Name = "geoflownet";
}
