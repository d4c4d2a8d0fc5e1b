using GeoFlowNetSar.Synthesis.Dislocation;

namespace GeoFlowNetSar.Synthesis.Geometry;

/// <summary>
/// Side-looking SAR viewing geometry in a local East/North/Up frame, and the projection of ground displacement
/// into image pixels.
/// </summary>
/// <remarks>
/// Heading h: flight direction, degrees clockwise from North (Sentinel-1 ascending ≈ −10°, descending ≈ −170°).
/// Right-looking: the horizontal look direction (satellite → ground) is ℓ̂ = heading + 90° = (cos h, −sin h) in
/// (E, N); the along-track direction is â = (sin h, cos h). Image axes: columns increase with range (along ℓ̂ on
/// the ground), rows increase with azimuth time (along â). Seen from above with rows drawn downwards the image is
/// therefore mirrored, as raw SLC geometry is.
///
/// Sign convention (consistent with DESIGN.md, "dx = column shift, columns increase with range"): a ground
/// displacement u = (E, N, U) changes the slant range by
///   Δr = (u_E ℓ_E + u_N ℓ_N)·sin θ − U·cos θ      (θ = incidence angle)
/// i.e. its projection on the line of sight pointing AWAY from the satellite: positive Δr = moving away from the
/// radar = towards larger range = larger column. So dx = Δr / (slant-range pixel spacing); uplift gives dx &lt; 0.
/// The azimuth shift is dy = (u·â) / (azimuth pixel spacing).
/// A pixel's ground footprint is the slant-range spacing / sin θ (ground range) by the azimuth spacing, which is
/// what places the fault on the pixel grid.
/// </remarks>
public sealed record SarGeometry(double HeadingDegrees, double IncidenceDegrees, double RangeSpacing, double AzimuthSpacing)
{
    /// <summary>Sentinel-1 IW SLC pixel spacing: 2.33 m slant range, 13.9 m azimuth.</summary>
    public const double Sentinel1RangeSpacing = 2.33, Sentinel1AzimuthSpacing = 13.9;

    public double GroundRangeSpacing => RangeSpacing / Math.Sin(IncidenceDegrees * Math.PI / 180);

    /// <summary>Horizontal look direction ℓ̂ (East, North).</summary>
    public (double East, double North) Look
    {
        get { var (s, c) = Math.SinCos(HeadingDegrees * Math.PI / 180); return (c, -s); }
    }

    /// <summary>Along-track direction â (East, North).</summary>
    public (double East, double North) AlongTrack
    {
        get { var (s, c) = Math.SinCos(HeadingDegrees * Math.PI / 180); return (s, c); }
    }

    /// <summary>Coefficients turning (E, N, U) metres into (dx, dy) pixels: dx = Σ RangeRow·u, dy = Σ AzimuthRow·u.</summary>
    public ProjectionMatrix Projection
    {
        get
        {
            var (sinT, cosT) = Math.SinCos(IncidenceDegrees * Math.PI / 180);
            var (le, ln) = Look;
            var (ae, an) = AlongTrack;
            return new ProjectionMatrix(
                le * sinT / RangeSpacing, ln * sinT / RangeSpacing, -cosT / RangeSpacing,
                ae / AzimuthSpacing, an / AzimuthSpacing, 0);
        }
    }

    /// <summary>Pixel shift of a ground displacement.</summary>
    public (double Dx, double Dy) ToPixels(EnuDisplacement u) => Projection.Apply(u);
}

/// <summary>The 2×3 linear map (E, N, U) metres → (dx, dy) pixels.</summary>
public readonly record struct ProjectionMatrix(double RangeEast, double RangeNorth, double RangeUp,
    double AzimuthEast, double AzimuthNorth, double AzimuthUp)
{
    public (double Dx, double Dy) Apply(EnuDisplacement u) => (
        RangeEast * u.East + RangeNorth * u.North + RangeUp * u.Up,
        AzimuthEast * u.East + AzimuthNorth * u.North + AzimuthUp * u.Up);
}
