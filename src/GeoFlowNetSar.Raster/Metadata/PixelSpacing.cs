namespace GeoFlowNetSar.Raster.Metadata;

/// <summary>
/// Metres between neighbouring pixels: <paramref name="X"/> between columns (range for radar geometry, dx),
/// <paramref name="Y"/> between rows (azimuth, dy). Unknown spacing is NaN with source <see cref="PixelSpacingSource.Unknown"/>.
/// </summary>
public readonly record struct PixelSpacing(double X, double Y, PixelSpacingSource Source)
{
    public static PixelSpacing Unknown { get; } = new(double.NaN, double.NaN, PixelSpacingSource.Unknown);

    public bool IsKnown => Source != PixelSpacingSource.Unknown && IsValid(X) && IsValid(Y);

    /// <summary>The spacing the user typed (e.g. --pixel-spacing 2.33,13.95).</summary>
    public static PixelSpacing FromCommandLine(double x, double y)
    {
        if (!IsValid(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "Pixel spacing must be a positive number of metres.");
        if (!IsValid(y)) throw new ArgumentOutOfRangeException(nameof(y), y, "Pixel spacing must be a positive number of metres.");
        return new PixelSpacing(x, y, PixelSpacingSource.CommandLine);
    }

    internal static bool IsValid(double metres) => double.IsFinite(metres) && metres > 0;
}
