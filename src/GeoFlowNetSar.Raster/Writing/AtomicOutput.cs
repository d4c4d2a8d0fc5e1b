namespace GeoFlowNetSar.Raster.Writing;

/// <summary>
/// Write-then-rename, so a reader (or a retried tile) never sees a half-written raster under the final name.
/// The temporary file sits next to the target: same file system, hence an atomic rename; the leading dot keeps it out
/// of casual listings and globs such as *.tif.
/// </summary>
internal static class AtomicOutput
{
    public static string PrepareTemporaryPath(string finalPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(finalPath);
        string full = Path.GetFullPath(finalPath);
        string directory = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{finalPath}' has no directory.", nameof(finalPath));
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RasterOutputException(finalPath, $"Cannot create the folder for '{finalPath}': {e.Message}", e);
        }
        return Path.Combine(directory, $".{Path.GetFileName(full)}.partial-{Guid.NewGuid():N}");
    }

    public static void Commit(string temporaryPath, string finalPath)
    {
        try
        {
            File.Move(temporaryPath, finalPath, overwrite: true);
            // GDAL keeps what a format cannot hold in a .aux.xml sidecar; it must follow the file, and a stale one from
            // an earlier output would otherwise override the new file's metadata.
            string sidecar = temporaryPath + ".aux.xml", finalSidecar = finalPath + ".aux.xml";
            if (File.Exists(sidecar))
                File.Move(sidecar, finalSidecar, overwrite: true);
            else if (File.Exists(finalSidecar))
                File.Delete(finalSidecar);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RasterOutputException(finalPath, $"Cannot move the finished raster into place as '{finalPath}': {e.Message}", e);
        }
    }

    /// <summary>Best effort: a failure to clean up must not hide the error that made us clean up.</summary>
    public static void Discard(string temporaryPath)
    {
        foreach (string file in new[] { temporaryPath, temporaryPath + ".aux.xml" })
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
