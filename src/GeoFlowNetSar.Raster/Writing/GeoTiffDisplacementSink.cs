using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Raster.Native;

namespace GeoFlowNetSar.Raster.Writing;

/// <summary>
/// Streams the displacement mosaic into a tiled, DEFLATE-compressed Float32 GeoTIFF: one band per name (descriptions
/// set), NaN declared as nodata on every band, georeferencing copied from PRE. Rows never written read back as NaN.
/// The file is written under a hidden temporary name next to <see cref="Path"/> and renamed by <see cref="Complete"/>;
/// disposing without completing deletes it. Thread-safe (writes are serialised). Strips of 256 rows (the tile
/// height) are the cheapest; other strip heights work, at the price of GDAL caching partly filled tiles.
/// </summary>
public sealed class GeoTiffDisplacementSink : IDisplacementSink
{
    private readonly Lock _gate = new();
    private readonly GeoTiffSinkOptions _options;
    private GdalDataset? _dataset;
    private bool _disposed;

    public GeoTiffDisplacementSink(
        string path, int width, int height, IReadOnlyList<string> bands, RasterInfo? georeference = null, GeoTiffSinkOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (bands.Count == 0) throw new ArgumentException("A displacement raster needs at least one band.", nameof(bands));
        Path = path;
        Width = width;
        Height = height;
        Bands = bands.ToArray();
        _options = options ?? GeoTiffSinkOptions.Default;
        TemporaryPath = AtomicOutput.PrepareTemporaryPath(path);

        _dataset = GeoTiffCreation.Create(TemporaryPath, path, width, height, bands.Count, RasterDataType.Float32);
        try
        {
            GeoTiffCreation.DescribeBands(_dataset, Bands);
            GeoTiffCreation.SetNoData(_dataset, double.NaN);
            if (georeference is not null) GeoTiffCreation.CopyGeoreferencing(_dataset, georeference);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The final file name (exists only after <see cref="Complete"/>).</summary>
    public string Path { get; }

    /// <summary>Where the data goes until <see cref="Complete"/>.</summary>
    public string TemporaryPath { get; }

    public int Width { get; }

    public int Height { get; }

    public IReadOnlyList<string> Bands { get; }

    public bool IsComplete { get; private set; }

    public void WriteStrip(int band, int row0, int rowCount, ReadOnlySpan<float> values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(band);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(band, Bands.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(row0);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        if (row0 + rowCount > Height)
            throw new ArgumentOutOfRangeException(nameof(rowCount), $"Rows {row0}..{row0 + rowCount - 1} are outside '{Path}' ({Height} rows).");
        long needed = (long)rowCount * Width;
        if (values.Length < needed)
            throw new ArgumentException($"{rowCount} rows of {Width} need {needed} values, got {values.Length}.", nameof(values));
        if (rowCount == 0) return;

        lock (_gate)
        {
            var dataset = OpenDataset();
            GeoTiffCreation.WriteRows(dataset, band + 1, row0, rowCount, values[..(int)needed], RasterDataType.Float32);
        }
    }

    /// <summary>Flushes, closes and moves the file to <see cref="Path"/> (converting to COG when asked). Idempotent.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (IsComplete) return;
            var dataset = OpenDataset();
            _dataset = null;
            string? failure = dataset.CloseAndDescribeFailure();
            if (failure is not null)
                throw new RasterOutputException(Path, $"GDAL failed to finish '{Path}': {failure}");
            if (_options.CloudOptimized)
            {
                CloudOptimizedGeoTiff.Write(TemporaryPath, Path);
                AtomicOutput.Discard(TemporaryPath);
            }
            else
            {
                AtomicOutput.Commit(TemporaryPath, Path);
            }
            IsComplete = true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _dataset?.Dispose();
            _dataset = null;
            if (!IsComplete) AtomicOutput.Discard(TemporaryPath);
        }
    }

    private GdalDataset OpenDataset()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsComplete) throw new InvalidOperationException($"'{Path}' is already complete.");
        return _dataset ?? throw new InvalidOperationException($"'{Path}' could not be finished earlier; dispose this sink and write it again.");
    }
}
