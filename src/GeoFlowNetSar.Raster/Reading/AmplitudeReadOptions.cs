namespace GeoFlowNetSar.Raster.Reading;

/// <summary>How to turn a raster into linear amplitude.</summary>
public sealed record AmplitudeReadOptions
{
    public static AmplitudeReadOptions Default { get; } = new();

    /// <summary>1-based band number.</summary>
    public int Band { get; init; } = 1;

    /// <summary>
    /// The samples are backscatter in dB. SAR dB is 10·log10(intensity) and amplitude is sqrt(intensity), so the
    /// reader returns 10^(dB/20). Only for real-valued rasters (complex samples are never in dB).
    /// </summary>
    public bool InputIsDecibels { get; init; }

    /// <summary>
    /// A subdataset to open inside the given file: its full GDAL name, or a distinctive part of it such as
    /// "frequencyA/HH" (NISAR/UAVSAR HDF5) or "IW2_VH" (Sentinel-1 SAFE swath and polarisation; the uncalibrated complex
    /// subdataset is preferred). Null opens the file itself (a SAFE product without bands falls back to its first
    /// complex measurement).
    /// </summary>
    public string? Subdataset { get; init; }

    /// <summary>
    /// Return NaN where a real-valued band equals its declared nodata value. Off by default because estimators
    /// expect finite amplitude; with it off, e.g. -99 dB nodata simply reads as ~1e-5 (effectively black).
    /// </summary>
    public bool NoDataAsNaN { get; init; }
}
