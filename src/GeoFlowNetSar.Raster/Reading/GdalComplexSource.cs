using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Raster.Metadata;

namespace GeoFlowNetSar.Raster.Reading;

/// <summary>
/// The complex samples z of a complex band (CInt16, CInt32, CFloat32, CFloat64: an SLC, a Sentinel-1 SAFE measurement,
/// a NISAR/UAVSAR HDF5 subdataset) as two Float32 planes, read window by window with GDAL converting to CFloat32.
/// Opening, validation and locking are <see cref="GdalAmplitudeSource"/>'s (the same <see cref="GdalBandReader"/>), so
/// the two read the same band of the same names; |z| of this source's samples is that source's amplitude.
/// Thread-safe in the same way (reads serialised; HDF5 sources share one lock).
/// </summary>
public sealed class GdalComplexSource : GdalBandSource, IComplexSource
{
    private GdalComplexSource(GdalBandReader reader) : base(reader)
    {
        if (!DataType.IsComplex())
            throw new RasterInputException(Name,
                $"'{Name}' holds real samples ({DataType}) in band {Options.Band}, not complex ones (CInt16, CInt32, CFloat32, CFloat64): " +
                "it is already detected, so it can only be read as amplitude.");
        if (Options.InputIsDecibels)
            throw new RasterInputException(Name, $"'{Name}' holds complex samples ({DataType}); dB input applies to real-valued backscatter only.");
    }

    /// <summary>Opens <paramref name="path"/> as <see cref="GdalAmplitudeSource.Open"/> does (file, SAFE, subdataset name).</summary>
    /// <exception cref="RasterInputException">As for <see cref="GdalAmplitudeSource.Open"/>, and when the band is not complex.</exception>
    public static GdalComplexSource Open(string path, AmplitudeReadOptions? options = null) =>
        Open(path, options, reader => new GdalComplexSource(reader));

    /// <remarks>
    /// With <see cref="AmplitudeReadOptions.NoDataAsNaN"/>, samples equal to the band's (real) nodata value — real part
    /// equal to it, imaginary part 0 — become NaN in both planes.
    /// </remarks>
    public void Read(PixelRect rect, Span<float> real, Span<float> imaginary)
    {
        Reader.CheckWindow(rect, real.Length, nameof(real));
        Reader.CheckWindow(rect, imaginary.Length, nameof(imaginary));
        if (rect.IsEmpty) return;

        int n = checked((int)rect.Area);
        var re = real[..n];
        var im = imaginary[..n];
        Reader.ReadComplex(rect, re, im, ComplexLayout.Planes);
        if (Reader.NoData is { } noData) SampleConversion.NoDataToNaN(re, im, noData);
    }
}
