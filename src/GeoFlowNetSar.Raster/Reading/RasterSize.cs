namespace GeoFlowNetSar.Raster.Reading;

internal static class RasterSize
{
    /// <summary>
    /// GDAL itself refuses to open or create 0×N rasters, but drivers that compute sizes from metadata have had bugs
    /// here; a zero size would otherwise surface much later as an empty tile plan.
    /// </summary>
    public static void Validate(string name, int width, int height)
    {
        if (width <= 0 || height <= 0)
            throw new RasterInputException(name, $"'{name}' is a zero-sized raster ({width}x{height}); it holds no pixels to read.");
    }
}
