using GeoFlowNetSar.Pipeline.Stitching;

namespace GeoFlowNetSar.Pipeline.Scenes;

/// <summary>
/// Options of one scene run. <see cref="ChunkSize"/> is the chunk core edge in pixels: it bounds memory
/// (about chunk-size × scene-width × 41 bytes of accumulators) and never changes the result.
/// </summary>
public sealed record SceneOptions(MosaicOptions Mosaic, int ChunkSize = 512);
