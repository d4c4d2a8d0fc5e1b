using GeoFlowNetSar.Core.Accumulation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Core.Tiling;
using GeoFlowNetSar.Pipeline.Chunks;

namespace GeoFlowNetSar.Pipeline.Stitching;

/// <summary>
/// Merges chunk accumulators into the mosaic and writes every row as soon as no later chunk can touch it,
/// strip by strip, so only about one chunk-row of accumulators is ever held. Accumulators are merged in
/// chunk-index order, which makes the sums (and so the output) independent of the order chunks finished.
/// </summary>
public sealed class StreamingMosaic
{
    private readonly ChunkPlan _plan;
    private readonly IDisplacementSink _sink;
    private readonly MosaicOptions _options;
    private readonly SortedDictionary<int, DisplacementAccumulator> _pending = [];
    private int _rowsWritten;

    public StreamingMosaic(ChunkPlan plan, IDisplacementSink sink, MosaicOptions options)
    {
        if (sink.Width != plan.Grid.Width || sink.Height != plan.Grid.Height)
            throw new ArgumentException($"The sink is {sink.Width}x{sink.Height}, the scene {plan.Grid.Width}x{plan.Grid.Height}.");
        if (sink.Bands.Count != options.BandNames.Count)
            throw new ArgumentException($"The sink has {sink.Bands.Count} bands, the mosaic writes {options.BandNames.Count}.");
        _plan = plan;
        _sink = sink;
        _options = options;
    }

    public int RowsWritten => _rowsWritten;

    public void Add(ChunkResult result)
    {
        if (result.Accumulator.Region.IsEmpty) return;
        if (result.Accumulator.Region.Y < _rowsWritten)
            throw new InvalidOperationException($"Chunk {result.Chunk.Index} arrived after rows it touches were written.");
        _pending.Add(result.Chunk.Index, result.Accumulator);
    }

    /// <summary>Call once every chunk of chunk-rows 0..<paramref name="chunkRow"/> was added.</summary>
    public void CompleteChunkRow(int chunkRow) => WriteRowsUpTo(_plan.FirstRowTouchedAfter(chunkRow));

    /// <summary>Writes the remaining rows and completes the sink.</summary>
    public void Finish()
    {
        WriteRowsUpTo(_plan.Grid.Height);
        _sink.Complete();
    }

    private void WriteRowsUpTo(int rowLimit)
    {
        int width = _plan.Grid.Width;
        int stripRows = Math.Max(1, _options.StripRows);
        var bands = _options.BandNames.Select(_ => new float[stripRows * width]).ToArray();
        while (_rowsWritten < rowLimit)
        {
            int rows = Math.Min(stripRows, rowLimit - _rowsWritten);
            var strip = new DisplacementAccumulator(new PixelRect(0, _rowsWritten, width, rows));
            foreach (var accumulator in _pending.Values)
                strip.Merge(accumulator);
            int n = rows * width;
            var sigmaDx = _options.Uncertainty ? bands[2].AsSpan(0, n) : Span<float>.Empty;
            var sigmaDy = _options.Uncertainty ? bands[3].AsSpan(0, n) : Span<float>.Empty;
            strip.Finalise(_rowsWritten, rows, bands[0].AsSpan(0, n), bands[1].AsSpan(0, n), sigmaDx, sigmaDy);
            Scale(bands, n);
            for (int b = 0; b < bands.Length; b++)
                _sink.WriteStrip(b, _rowsWritten, rows, bands[b].AsSpan(0, n));
            _rowsWritten += rows;
        }
        foreach (var (index, accumulator) in _pending.ToArray())
        {
            accumulator.DropRowsAbove(_rowsWritten);
            if (accumulator.Region.IsEmpty) _pending.Remove(index);
        }
    }

    private void Scale(float[][] bands, int n)
    {
        ScaleBand(bands[0].AsSpan(0, n), _options.ScaleDx);
        ScaleBand(bands[1].AsSpan(0, n), _options.ScaleDy);
        if (!_options.Uncertainty) return;
        ScaleBand(bands[2].AsSpan(0, n), _options.ScaleDx);
        ScaleBand(bands[3].AsSpan(0, n), _options.ScaleDy);
    }

    private static void ScaleBand(Span<float> band, double scale)
    {
        if (scale == 1.0) return;
        for (int i = 0; i < band.Length; i++) band[i] = (float)(band[i] * scale);
    }
}
