using GeoFlowNetSar.Raster.Metadata;

namespace GeoFlowNetSar.Raster.Reading;

/// <summary>
/// What every GDAL band source exposes about the band it reads (one <see cref="GdalBandReader"/>: opening, validation,
/// locking); the derived sources differ only in how samples are delivered (amplitude or complex planes).
/// </summary>
public abstract class GdalBandSource : IDisposable
{
    private protected GdalBandSource(GdalBandReader reader) => Reader = reader;

    private protected GdalBandReader Reader { get; }

    /// <summary>The GDAL name actually read (the subdataset when one was chosen), used in every message.</summary>
    public string Name => Reader.Name;

    /// <summary>The path as given to Open.</summary>
    public string Path => Reader.Path;

    public int Width => Reader.Width;

    public int Height => Reader.Height;

    public string Driver => Reader.Driver;

    /// <summary>The stored type of the band being read (before any conversion).</summary>
    public RasterDataType DataType => Reader.DataType;

    public AmplitudeReadOptions Options => Reader.Options;

    /// <summary>Size, georeferencing and pixel spacing of the opened raster (read once, on first use).</summary>
    public RasterInfo Info => Reader.Info;

    /// <summary>Opens the band and builds the source on it, closing the band when the source refuses it.</summary>
    private protected static T Open<T>(string path, AmplitudeReadOptions? options, Func<GdalBandReader, T> create)
    {
        var reader = GdalBandReader.Open(path, options ?? AmplitudeReadOptions.Default);
        try
        {
            return create(reader);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Reader.Dispose();
        GC.SuppressFinalize(this);
    }
}
