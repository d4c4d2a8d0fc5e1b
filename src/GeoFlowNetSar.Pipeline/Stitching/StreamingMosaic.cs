using GeoFlowNetSar.Core.Accumulation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Core.Tiling;
using GeoFlowNetSar.Pipeline.Chunks;

namespace GeoFlowNetSar.Pipeline.Stitching;

/// <summary>
/// Merges chunk accumulators into a band of mosaic rows and writes every row, strip by strip, as soon as no
/// later chunk can touch it. Only the band (about one chunk-row high, full width) is ever held, so a swath of
/// any length streams in bounded memory. Adding chunks in index order (as the embedded run and the stitcher do)
/// makes the sums, and so the output, bit-reproducible.
/// </summary>
public sealed class StreamingMosaic
{
    private readonly ChunkPlan _plan;
    private readonly IDisplacementSink _sink;
    private readonly MosaicOptions _options;
    private DisplacementAccumulator? _band;
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
        var region = result.Accumulator.Region;
        if (region.IsEmpty) return;
        if (region.Y < _rowsWritten)
            throw new InvalidOperationException($"Chunk {result.Chunk.Index} arrived after rows it touches were written.");
        ResizeBand(Math.Max(region.Bottom, _band?.Region.Bottom ?? 0));
        _band!.Merge(result.Accumulator);
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
        if (rowLimit <= _rowsWritten) return;
        ResizeBand(Math.Max(rowLimit, _band?.Region.Bottom ?? 0));
        int width = _plan.Grid.Width;
        int stripRows = Math.Max(1, _options.StripRows);
        var bands = _options.BandNames.Select(_ => new float[stripRows * width]).ToArray();
        while (_rowsWritten < rowLimit)
        {
            int rows = Math.Min(stripRows, rowLimit - _rowsWritten);
            int n = rows * width;
            var sigmaDx = _options.Uncertainty ? bands[2].AsSpan(0, n) : Span<float>.Empty;
            var sigmaDy = _options.Uncertainty ? bands[3].AsSpan(0, n) : Span<float>.Empty;
            _band!.Finalise(_rowsWritten, rows, bands[0].AsSpan(0, n), bands[1].AsSpan(0, n), sigmaDx, sigmaDy);
            Scale(bands, n);
            for (int b = 0; b < bands.Length; b++)
                _sink.WriteStrip(b, _rowsWritten, rows, bands[b].AsSpan(0, n));
            _rowsWritten += rows;
        }
        ResizeBand(_band!.Region.Bottom);
    }

    // Re-allocates the band to rows [rowsWritten, bottom), keeping the sums of rows not yet written: the rows
    // already written are released, so memory follows the streaming front rather than the scene.
    private void ResizeBand(int bottom)
    {
        var wanted = PixelRect.FromBounds(0, _rowsWritten, _plan.Grid.Width, bottom);
        if (_band is not null && _band.Region == wanted) return;
        var band = new DisplacementAccumulator(wanted);
        if (_band is not null) band.Merge(_band);
        _band = wanted.IsEmpty ? null : band;
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
