using GeoFlowNetSar.Pipeline.Stitching;

namespace GeoFlowNetSar.Pipeline.Scenes;

/// <summary>
/// Options of one scene run. <see cref="ChunkSize"/> is the chunk core edge in pixels, or null to pick it from
/// the memory budget (<see cref="ChunkSizing"/>); it bounds memory and never changes the result.
/// </summary>
public sealed record SceneOptions(MosaicOptions Mosaic, int? ChunkSize = null)
{
    public int ChunkSizeFor(int sceneWidth, int window) => ChunkSize ?? ChunkSizing.ForMemoryBudget(sceneWidth, window);
}
