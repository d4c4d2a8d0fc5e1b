using GeoFlowNetSar.Core.Rasters;

namespace GeoFlowNetSar.Core.Tiling;

/// <summary>
/// One unit of work: the windows whose origins fall in <see cref="Core"/>, the pixels they read
/// (<see cref="Input"/> = core plus a halo) and the pixels their estimates reach (<see cref="Output"/>).
/// Column/row ranges index the scene's <see cref="WindowGrid"/>.
/// </summary>
public sealed record Chunk(
    int Index,
    int ChunkColumn,
    int ChunkRow,
    PixelRect Core,
    PixelRect Input,
    PixelRect Output,
    int FirstWindowColumn,
    int WindowColumnCount,
    int FirstWindowRow,
    int WindowRowCount)
{
    public long WindowCount => (long)WindowColumnCount * WindowRowCount;
}
