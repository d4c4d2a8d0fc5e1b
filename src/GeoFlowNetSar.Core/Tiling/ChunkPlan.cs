using GeoFlowNetSar.Core.Rasters;

namespace GeoFlowNetSar.Core.Tiling;

/// <summary>
/// Cuts a scene into chunks. A window belongs to the chunk whose core holds its origin, so every window
/// is estimated exactly once whatever the chunk size; chunks overlap only in what they read (the halo)
/// and in what they write (merged by summing accumulators). That is why a pixel's result does not
/// depend on the chunking.
/// </summary>
public sealed class ChunkPlan
{
    private readonly Chunk[] _chunks;

    public ChunkPlan(WindowGrid grid, EstimateFootprint footprint, int chunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        Grid = grid;
        Footprint = footprint;
        ChunkSize = chunkSize;
        ChunkColumns = (grid.Width + chunkSize - 1) / chunkSize;
        ChunkRows = (grid.Height + chunkSize - 1) / chunkSize;
        var chunks = new List<Chunk>(ChunkColumns * ChunkRows);
        for (int cr = 0; cr < ChunkRows; cr++)
        {
            var (row0, rowCount) = WindowRange(grid.Rows, cr * chunkSize, (cr + 1) * chunkSize);
            for (int cc = 0; cc < ChunkColumns; cc++)
            {
                var (col0, colCount) = WindowRange(grid.Columns, cc * chunkSize, (cc + 1) * chunkSize);
                var core = PixelRect.FromBounds(cc * chunkSize, cr * chunkSize,
                    Math.Min(grid.Width, (cc + 1) * chunkSize), Math.Min(grid.Height, (cr + 1) * chunkSize));
                if (colCount == 0 || rowCount == 0)
                {
                    chunks.Add(new Chunk(chunks.Count, cc, cr, core, default, default, col0, 0, row0, 0));
                    continue;
                }
                var input = grid.WindowRect(col0, row0).Union(grid.WindowRect(col0 + colCount - 1, row0 + rowCount - 1));
                var output = footprint == EstimateFootprint.DenseWindow
                    ? input
                    : grid.InterpolationSupport(col0, row0).Union(grid.InterpolationSupport(col0 + colCount - 1, row0 + rowCount - 1));
                chunks.Add(new Chunk(chunks.Count, cc, cr, core, input, output, col0, colCount, row0, rowCount));
            }
        }
        _chunks = chunks.ToArray();
    }

    public WindowGrid Grid { get; }
    public EstimateFootprint Footprint { get; }
    public int ChunkSize { get; }
    public int ChunkColumns { get; }
    public int ChunkRows { get; }
    public IReadOnlyList<Chunk> Chunks => _chunks;

    /// <summary>
    /// The first mosaic row that a chunk after chunk-row <paramref name="chunkRow"/> still writes: rows above it are
    /// final once chunk rows 0..<paramref name="chunkRow"/> are merged (this is what lets the mosaic stream).
    /// </summary>
    public int FirstRowTouchedAfter(int chunkRow)
    {
        int first = Grid.Height;
        foreach (var chunk in _chunks)
            if (chunk.ChunkRow > chunkRow && !chunk.Output.IsEmpty)
                first = Math.Min(first, chunk.Output.Y);
        return first;
    }

    private static (int First, int Count) WindowRange(AxisGrid axis, int from, int to)
    {
        int first = axis.FirstAtOrAfter(from);
        int end = axis.FirstAtOrAfter(to);
        return (first, end - first);
    }
}
