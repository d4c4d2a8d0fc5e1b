namespace GeoFlowNetSar.Raster;

/// <summary>An output raster could not be created, written or moved into place; the message names the file.</summary>
public sealed class RasterOutputException : IOException
{
    public RasterOutputException(string fileName, string message, Exception? innerException = null)
        : base(RasterInputException.Mention(fileName, message), innerException)
    {
        FileName = fileName;
    }

    public string FileName { get; }
}
