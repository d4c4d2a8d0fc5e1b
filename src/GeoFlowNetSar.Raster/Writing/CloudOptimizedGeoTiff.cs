using System.Globalization;
using GeoFlowNetSar.Raster.Native;

namespace GeoFlowNetSar.Raster.Writing;

/// <summary>Copies a raster to a Cloud-Optimized GeoTIFF (GDAL's COG driver), atomically.</summary>
public static class CloudOptimizedGeoTiff
{
    /// <summary>
    /// Writes <paramref name="destinationPath"/> as a DEFLATE-compressed COG with overviews. Band descriptions, nodata
    /// and georeferencing are carried over by GDAL. Nothing appears under the destination name unless it succeeds.
    /// </summary>
    /// <exception cref="RasterInputException">The source cannot be opened.</exception>
    /// <exception cref="RasterOutputException">GDAL cannot write the COG.</exception>
    public static void Write(string sourcePath, string destinationPath, CloudOptimizedGeoTiffOptions? options = null)
    {
        options ??= CloudOptimizedGeoTiffOptions.Default;
        using var source = GdalDataset.OpenRead(sourcePath);
        nint driver = GdalNative.GDALGetDriverByName("COG");
        if (driver == 0)
            throw new RasterOutputException(destinationPath, $"Cannot write '{destinationPath}': this GDAL (version {GdalRuntime.Version}) has no COG driver (needs 3.1 or later).");

        string temporary = AtomicOutput.PrepareTemporaryPath(destinationPath);
        using var creationOptions = NativeStringList.FromOptions(
        [
            new("COMPRESS", "DEFLATE"),
            // YES picks the floating-point predictor for float bands and the horizontal one for integers.
            new("PREDICTOR", "YES"),
            new("BIGTIFF", "IF_SAFER"),
            new("BLOCKSIZE", options.BlockSize.ToString(CultureInfo.InvariantCulture)),
            new("OVERVIEWS", options.Overviews),
            new("RESAMPLING", options.Resampling),
            new("NUM_THREADS", options.Threads.ToString(CultureInfo.InvariantCulture)),
        ]);
        try
        {
            GdalErrorCapture.Reset();
            var handle = GdalNative.GDALCreateCopy(driver, temporary, source.Handle, 0, creationOptions.Pointer, 0, 0);
            if (handle.IsInvalid)
            {
                handle.Dispose();
                throw new RasterOutputException(destinationPath, $"GDAL cannot write the COG '{destinationPath}' from '{sourcePath}': {GdalErrorCapture.Describe()}");
            }
            string? failure = GdalDataset.Adopt(handle, destinationPath).CloseAndDescribeFailure();
            if (failure is not null)
                throw new RasterOutputException(destinationPath, $"GDAL failed to finish the COG '{destinationPath}': {failure}");
            AtomicOutput.Commit(temporary, destinationPath);
        }
        catch
        {
            AtomicOutput.Discard(temporary);
            throw;
        }
    }
}
