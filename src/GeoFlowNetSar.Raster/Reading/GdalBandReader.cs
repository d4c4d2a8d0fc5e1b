using System.Buffers;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Raster.Native;

namespace GeoFlowNetSar.Raster.Reading;

/// <summary>
/// One band of an opened raster, read window by window through GDALRasterIO: what <see cref="GdalAmplitudeSource"/> and
/// <see cref="GdalComplexSource"/> share (opening and validation, the read lock, error reporting, metadata).
/// GDAL dataset handles are not thread-safe, so reads are serialised per reader; HDF5 readers share one lock, because the
/// HDF5 library itself is not thread-safe.
/// </summary>
internal sealed unsafe class GdalBandReader : IDisposable
{
    // Complex rows are staged in a pooled buffer; this bounds it at 16 MB whatever the window size.
    private const int MaxStagedFloats = 1 << 22;

    private static readonly Lock Hdf5Gate = new();

    private readonly GdalDataset _dataset;
    private readonly Lock _gate;
    private readonly nint _band;
    private RasterInfo? _info;
    private bool _disposed;

    private GdalBandReader(GdalDataset dataset, string path, AmplitudeReadOptions options)
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
        NoData = hasNoData != 0 && options.NoDataAsNaN ? (float)noData : null;
        _gate = Driver.StartsWith("HDF5", StringComparison.Ordinal) ? Hdf5Gate : new Lock();
    }

    /// <summary>Opens <paramref name="path"/> (file, SAFE folder or manifest, GDAL subdataset name) and its band.</summary>
    /// <exception cref="RasterInputException">Missing, unreadable or zero-sized raster, a container without bands, or a
    /// band number out of range.</exception>
    public static GdalBandReader Open(string path, AmplitudeReadOptions options)
    {
        var dataset = DatasetOpener.Open(path, options.Subdataset, requireBands: true);
        try
        {
            return new GdalBandReader(dataset, path, options);
        }
        catch
        {
            dataset.Dispose();
            throw;
        }
    }

    /// <summary>The GDAL name actually read (the subdataset when one was chosen).</summary>
    public string Name => _dataset.Name;

    public string Path { get; }

    public int Width { get; }

    public int Height { get; }

    public string Driver { get; }

    public RasterDataType DataType { get; }

    public AmplitudeReadOptions Options { get; }

    /// <summary>The band's nodata value when it is declared and <see cref="AmplitudeReadOptions.NoDataAsNaN"/> asks for NaN.</summary>
    public float? NoData { get; }

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

    /// <summary>Checks that <paramref name="rect"/> lies in the raster and each destination plane holds rect.Area values.</summary>
    public void CheckWindow(PixelRect rect, int destinationLength, string destinationName)
    {
        if (!new PixelRect(0, 0, Width, Height).Contains(rect) || rect.Width < 0 || rect.Height < 0)
            throw new ArgumentOutOfRangeException(nameof(rect), $"{rect} is outside {Name} ({Width}x{Height}).");
        if (destinationLength < rect.Area)
            throw new ArgumentException($"Reading {rect} needs {rect.Area} values, the destination holds {destinationLength}.", destinationName);
    }

    /// <summary>GDALRasterIO of <paramref name="rect"/> into a packed buffer of <paramref name="bufferType"/> (GDAL converts).</summary>
    public void Read(PixelRect rect, float* buffer, RasterDataType bufferType)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            GdalErrorCapture.Reset();
            int result = GdalNative.GDALRasterIO(
                _band, GdalNative.Read, rect.X, rect.Y, rect.Width, rect.Height, buffer, rect.Width, rect.Height, bufferType, 0, 0);
            if (result != GdalNative.CeNone)
                throw new RasterInputException(Name, $"GDAL failed to read {rect} of band {Options.Band} of '{Name}' (corrupt or truncated file?): {GdalErrorCapture.Describe()}");
        }
    }

    /// <summary>
    /// Reads complex <paramref name="rect"/> as CFloat32 (GDAL converts CInt16, CInt32, CFloat64), staged in a pooled
    /// buffer of whole rows (at most 16 MB whatever the window), into |z| (<paramref name="first"/>; second unused) or
    /// into the real (<paramref name="first"/>) and imaginary (<paramref name="second"/>) planes.
    /// </summary>
    public void ReadComplex(PixelRect rect, Span<float> first, Span<float> second, ComplexLayout layout)
    {
        int rowsPerChunk = Math.Max(1, MaxStagedFloats / (2 * rect.Width));
        float[] staged = ArrayPool<float>.Shared.Rent(2 * rect.Width * Math.Min(rowsPerChunk, rect.Height));
        try
        {
            for (int row = 0; row < rect.Height; row += rowsPerChunk)
            {
                var chunk = rect with { Y = rect.Y + row, Height = Math.Min(rowsPerChunk, rect.Height - row) };
                fixed (float* p = staged)
                    Read(chunk, p, RasterDataType.CFloat32);
                int at = row * rect.Width, n = (int)chunk.Area;
                var interleaved = staged.AsSpan(0, 2 * n);
                if (layout == ComplexLayout.Magnitude)
                    SampleConversion.Magnitude(interleaved, first.Slice(at, n));
                else
                    SampleConversion.Deinterleave(interleaved, first.Slice(at, n), second.Slice(at, n));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(staged);
        }
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
}

/// <summary>What <see cref="GdalBandReader.ReadComplex"/> delivers.</summary>
internal enum ComplexLayout
{
    Magnitude,
    Planes,
}
