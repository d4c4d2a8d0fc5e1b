namespace GeoFlowNetSar.Raster.Metadata;

/// <summary>
/// GDAL's affine geotransform: X = OriginX + col·PixelWidth + row·RowRotation, Y = OriginY + col·ColumnRotation + row·PixelHeight
/// (array order gt[0..5]; PixelHeight is negative for north-up rasters).
/// </summary>
public readonly record struct GeoTransform(
    double OriginX, double PixelWidth, double RowRotation, double OriginY, double ColumnRotation, double PixelHeight)
{
    public static GeoTransform FromArray(ReadOnlySpan<double> gt)
    {
        if (gt.Length != 6) throw new ArgumentException($"A geotransform has 6 coefficients, got {gt.Length}.", nameof(gt));
        return new GeoTransform(gt[0], gt[1], gt[2], gt[3], gt[4], gt[5]);
    }

    public double[] ToArray() => [OriginX, PixelWidth, RowRotation, OriginY, ColumnRotation, PixelHeight];

    /// <summary>Ground distance between neighbouring columns, in CRS units (|gt[1]| unless rotated).</summary>
    public double ColumnSpacing => Math.Sqrt(PixelWidth * PixelWidth + ColumnRotation * ColumnRotation);

    /// <summary>Ground distance between neighbouring rows, in CRS units (|gt[5]| unless rotated).</summary>
    public double RowSpacing => Math.Sqrt(RowRotation * RowRotation + PixelHeight * PixelHeight);
}
