using System.Buffers;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Raster.Native;

namespace GeoFlowNetSar.Raster.Reading;

/// <summary>
/// Linear amplitude from anything GDAL opens, read window by window (never the whole raster).
/// Real bands are read as Float32 (optionally converted from dB), complex bands as |z|.
/// Thread-safe: GDAL dataset handles are not, so reads of one source are serialised; open one source per thread
/// for parallel reading (HDF5 sources share one lock, because the HDF5 library itself is not thread-safe).
/// </summary>
public sealed unsafe class GdalAmplitudeSource : IAmplitudeSource, IDisposable
{
    // Complex rows are staged in a pooled buffer; this bounds it at 16 MB whatever the window size.
    private const int MaxStagedFloats = 1 << 22;

    private static readonly Lock Hdf5Gate = new();

    private readonly GdalDataset _dataset;
    private readonly Lock _gate;
    private readonly nint _band;
    private readonly float? _noData;
    private RasterInfo? _info;
    private bool _disposed;

    private GdalAmplitudeSource(GdalDataset dataset, string path, AmplitudeReadOptions options)
    {
        _dataset = dataset;
        Path = path;
        Options = options;
        Width = dataset.Width;
        Height = dataset.Height;
        Driver = dataset.DriverShortName;
        _band = dataset.Band(options.Band);
        DataType = GdalNative.GDALGetRasterDataType(_band);
        double noData = GdalNative.GDALGetRasterNoDataValue(_band, out int hasNoData);
        _noData = hasNoData != 0 && options.NoDataAsNaN ? (float)noData : null;
        _gate = Driver.StartsWith("HDF5", StringComparison.Ordinal) ? Hdf5Gate : new Lock();
        if (options.InputIsDecibels && DataType.IsComplex())
            throw new RasterInputException(Name, $"'{Name}' holds complex samples ({DataType}); dB input applies to real-valued backscatter only.");
    }

    /// <summary>
    /// Opens <paramref name="path"/>: a file, a Sentinel-1 .SAFE folder or its manifest.safe, or a GDAL subdataset name
    /// such as HDF5:"file.h5"://science/LSAR/SLC/swaths/frequencyA/HH.
    /// </summary>
    /// <exception cref="RasterInputException">Missing, unreadable or zero-sized raster, a container without bands,
    /// a band number out of range, or dB requested for complex samples.</exception>
    public static GdalAmplitudeSource Open(string path, AmplitudeReadOptions? options = null)
    {
        options ??= AmplitudeReadOptions.Default;
        var dataset = DatasetOpener.Open(path, options.Subdataset, requireBands: true);
        try
        {
            return new GdalAmplitudeSource(dataset, path, options);
        }
        catch
        {
            dataset.Dispose();
            throw;
        }
    }

    /// <summary>The GDAL name actually read (the subdataset when one was chosen), used in every message.</summary>
    public string Name => _dataset.Name;

    /// <summary>The path as given to <see cref="Open"/>.</summary>
    public string Path { get; }

    public int Width { get; }

    public int Height { get; }

    public string Driver { get; }

    /// <summary>The stored type of the band being read (before conversion to amplitude).</summary>
    public RasterDataType DataType { get; }

    public AmplitudeReadOptions Options { get; }

    /// <summary>Size, georeferencing and pixel spacing of the opened raster (read once, on first use).</summary>
    public RasterInfo Info
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _info ??= RasterInfoReader.Read(_dataset);
            }
        }
    }

    public void Read(PixelRect rect, Span<float> destination)
    {
        if (!new PixelRect(0, 0, Width, Height).Contains(rect) || rect.Width < 0 || rect.Height < 0)
            throw new ArgumentOutOfRangeException(nameof(rect), $"{rect} is outside {Name} ({Width}x{Height}).");
        if (destination.Length < rect.Area)
            throw new ArgumentException($"Reading {rect} needs {rect.Area} values, the destination holds {destination.Length}.", nameof(destination));
        if (rect.IsEmpty) return;

        var target = destination[..checked((int)rect.Area)];
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (DataType.IsComplex())
                ReadMagnitude(rect, target);
            else
                ReadReal(rect, target);
        }

        if (_noData is { } noData) SampleConversion.NoDataToNaN(target, noData);
        if (Options.InputIsDecibels) SampleConversion.DecibelsToAmplitude(target);
    }

    /// <summary>Reads a window into a new image (the whole raster when <paramref name="rect"/> is null: mind the size).</summary>
    public FloatImage ReadImage(PixelRect? rect = null)
    {
        var window = rect ?? new PixelRect(0, 0, Width, Height);
        var image = new FloatImage(window.Width, window.Height);
        Read(window, image.Pixels);
        return image;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _dataset.Dispose();
        }
    }

    private void ReadReal(PixelRect rect, Span<float> target)
    {
        fixed (float* p = target)
            RasterIO(rect, p, RasterDataType.Float32);
    }

    private void ReadMagnitude(PixelRect rect, Span<float> target)
    {
        int rowsPerChunk = Math.Max(1, MaxStagedFloats / (2 * rect.Width));
        float[] staged = ArrayPool<float>.Shared.Rent(2 * rect.Width * Math.Min(rowsPerChunk, rect.Height));
        try
        {
            for (int row = 0; row < rect.Height; row += rowsPerChunk)
            {
                var chunk = rect with { Y = rect.Y + row, Height = Math.Min(rowsPerChunk, rect.Height - row) };
                fixed (float* p = staged)
                    RasterIO(chunk, p, RasterDataType.CFloat32);
                SampleConversion.Magnitude(staged, target.Slice(row * rect.Width, (int)chunk.Area));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(staged);
        }
    }

    private void RasterIO(PixelRect rect, float* buffer, RasterDataType bufferType)
    {
        GdalErrorCapture.Reset();
        int result = GdalNative.GDALRasterIO(
            _band, GdalNative.Read, rect.X, rect.Y, rect.Width, rect.Height, buffer, rect.Width, rect.Height, bufferType, 0, 0);
        if (result != GdalNative.CeNone)
            throw new RasterInputException(Name, $"GDAL failed to read {rect} of band {Options.Band} of '{Name}' (corrupt or truncated file?): {GdalErrorCapture.Describe()}");
    }
}
