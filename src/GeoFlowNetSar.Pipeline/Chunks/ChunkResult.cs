using GeoFlowNetSar.Core.Accumulation;
using GeoFlowNetSar.Core.Tiling;

namespace GeoFlowNetSar.Pipeline.Chunks;

/// <summary>
/// A processed chunk: its accumulator, how many of its windows gave no estimate and how long the estimator calls took
/// (the rest of a chunk's time is reading, splatting and, later, writing).
/// </summary>
public sealed record ChunkResult(
    Chunk Chunk, DisplacementAccumulator Accumulator, long Windows, long WindowsWithoutEstimate, TimeSpan Estimating = default);
