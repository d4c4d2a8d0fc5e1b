using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Raster.Metadata;

namespace GeoFlowNetSar.Raster.Reading;

/// <summary>
/// Linear amplitude from anything GDAL opens, read window by window (never the whole raster).
/// Real bands are read as Float32 (optionally converted from dB), complex bands as |z|.
/// Thread-safe: GDAL dataset handles are not, so reads of one source are serialised; open one source per thread
/// for parallel reading (HDF5 sources share one lock, because the HDF5 library itself is not thread-safe).
/// </summary>
public sealed unsafe class GdalAmplitudeSource : IAmplitudeSource, IDisposable
{
    private readonly GdalBandReader _reader;

    private GdalAmplitudeSource(GdalBandReader reader)
    {
        _reader = reader;
        if (reader.Options.InputIsDecibels && DataType.IsComplex())
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
        var reader = GdalBandReader.Open(path, options ?? AmplitudeReadOptions.Default);
        try
        {
            return new GdalAmplitudeSource(reader);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>The GDAL name actually read (the subdataset when one was chosen), used in every message.</summary>
    public string Name => _reader.Name;

    /// <summary>The path as given to <see cref="Open"/>.</summary>
    public string Path => _reader.Path;

    public int Width => _reader.Width;

    public int Height => _reader.Height;

    public string Driver => _reader.Driver;

    /// <summary>The stored type of the band being read (before conversion to amplitude).</summary>
    public RasterDataType DataType => _reader.DataType;

    public AmplitudeReadOptions Options => _reader.Options;

    /// <summary>Size, georeferencing and pixel spacing of the opened raster (read once, on first use).</summary>
    public RasterInfo Info => _reader.Info;

    public void Read(PixelRect rect, Span<float> destination)
    {
        _reader.CheckWindow(rect, destination.Length, nameof(destination));
        if (rect.IsEmpty) return;

        var target = destination[..checked((int)rect.Area)];
        if (DataType.IsComplex())
            _reader.ReadComplex(rect, target, default, ComplexLayout.Magnitude);
        else
            fixed (float* p = target)
                _reader.Read(rect, p, RasterDataType.Float32);

        if (_reader.NoData is { } noData) SampleConversion.NoDataToNaN(target, noData);
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

    public void Dispose() => _reader.Dispose();
}
