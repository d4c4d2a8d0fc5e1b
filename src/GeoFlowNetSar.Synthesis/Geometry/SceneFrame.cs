namespace GeoFlowNetSar.Synthesis.Geometry;

/// <summary>
/// A Width × Height image in <see cref="Geometry"/>, placed on the ground with its centre at East = North = 0.
/// Pixel (col, row) lies at (col − c₀)·g·ℓ̂ + (row − r₀)·a·â, with g the ground-range and a the azimuth spacing
/// and (c₀, r₀) the image centre. Global pixel coordinates, so a row band of a big scene uses the same frame.
/// </summary>
public sealed record SceneFrame(int Width, int Height, SarGeometry Geometry)
{
    public double CentreColumn => (Width - 1) / 2.0;
    public double CentreRow => (Height - 1) / 2.0;

    /// <summary>Ground size across range (m).</summary>
    public double GroundWidth => Width * Geometry.GroundRangeSpacing;

    /// <summary>Ground size along track (m).</summary>
    public double GroundHeight => Height * Geometry.AzimuthSpacing;

    /// <summary>The larger ground side: the length every random geometry (faults, terrain) is scaled to.</summary>
    public double Extent => Math.Max(GroundWidth, GroundHeight);

    public (double East, double North) ToGround(double column, double row)
    {
        var (le, ln) = Geometry.Look;
        var (ae, an) = Geometry.AlongTrack;
        double across = (column - CentreColumn) * Geometry.GroundRangeSpacing;
        double along = (row - CentreRow) * Geometry.AzimuthSpacing;
        return (across * le + along * ae, across * ln + along * an);
    }

    public (double Column, double Row) ToPixel(double east, double north)
    {
        var (le, ln) = Geometry.Look;
        var (ae, an) = Geometry.AlongTrack;
        return (CentreColumn + (east * le + north * ln) / Geometry.GroundRangeSpacing,
                CentreRow + (east * ae + north * an) / Geometry.AzimuthSpacing);
    }
}
