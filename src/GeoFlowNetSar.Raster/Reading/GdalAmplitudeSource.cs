using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Raster.Metadata;

namespace GeoFlowNetSar.Raster.Reading;

/// <summary>
/// Linear amplitude from anything GDAL opens, read window by window (never the whole raster).
/// Real bands are read as Float32 (optionally converted from dB), complex bands as |z|.
/// Thread-safe: GDAL dataset handles are not, so reads of one source are serialised; open one source per thread
/// for parallel reading (HDF5 sources share one lock, because the HDF5 library itself is not thread-safe).
/// </summary>
public sealed unsafe class GdalAmplitudeSource : GdalBandSource, IAmplitudeSource
{
    private GdalAmplitudeSource(GdalBandReader reader) : base(reader)
    {
        if (reader.Options.InputIsDecibels && DataType.IsComplex())
            throw new RasterInputException(Name, $"'{Name}' holds complex samples ({DataType}); dB input applies to real-valued backscatter only.");
    }

    /// <summary>
    /// Opens <paramref name="path"/>: a file, a Sentinel-1 .SAFE folder or its manifest.safe, or a GDAL subdataset name
    /// such as HDF5:"file.h5"://science/LSAR/SLC/swaths/frequencyA/HH.
    /// </summary>
    /// <exception cref="RasterInputException">Missing, unreadable or zero-sized raster, a container without bands,
    /// a band number out of range, or dB requested for complex samples.</exception>
    public static GdalAmplitudeSource Open(string path, AmplitudeReadOptions? options = null) =>
        Open(path, options, reader => new GdalAmplitudeSource(reader));

    public void Read(PixelRect rect, Span<float> destination)
    {
        Reader.CheckWindow(rect, destination.Length, nameof(destination));
        if (rect.IsEmpty) return;

        var target = destination[..checked((int)rect.Area)];
        if (DataType.IsComplex())
            Reader.ReadComplex(rect, target, default, ComplexLayout.Magnitude);
        else
            fixed (float* p = target)
                Reader.Read(rect, p, RasterDataType.Float32);

        if (Reader.NoData is { } noData) SampleConversion.NoDataToNaN(target, noData);
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
}
