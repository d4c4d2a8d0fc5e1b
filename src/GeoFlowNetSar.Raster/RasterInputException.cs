namespace GeoFlowNetSar.Raster;

/// <summary>
/// An input raster cannot be used (missing, unreadable, corrupt, no bands, wrong band, zero-sized...).
/// The message always names the file, because a run usually involves two or more inputs.
/// </summary>
public sealed class RasterInputException : IOException
{
    public RasterInputException(string fileName, string message, Exception? innerException = null)
        : base(Mention(fileName, message), innerException)
    {
        FileName = fileName;
    }

    /// <summary>The path or GDAL dataset name (e.g. an HDF5 subdataset) as the user gave it.</summary>
    public string FileName { get; }

    internal static string Mention(string fileName, string message) =>
        message.Contains(fileName, StringComparison.Ordinal) ? message : $"{fileName}: {message}";
}
