using GeoFlowNetSar.Core.Accumulation;
using GeoFlowNetSar.Core.Tiling;

namespace GeoFlowNetSar.Pipeline.Chunks;

/// <summary>A processed chunk: its accumulator and how many of its windows gave no estimate.</summary>
public sealed record ChunkResult(Chunk Chunk, DisplacementAccumulator Accumulator, long Windows, long WindowsWithoutEstimate);
