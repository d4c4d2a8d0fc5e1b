using GeoFlowNetSar.Core.Rasters;

namespace GeoFlowNetSar.Synthesis.Speckle;

/// <summary>
/// An elliptic area whose ground changed between the acquisitions (landslide, construction, flooding, harvest):
/// there POST is fully decorrelated (independent speckle) and its reflectivity is multiplied by
/// <see cref="ReflectivityFactor"/>. The ellipse is the quadratic form A·u² + 2B·u·v + C·v² ≤ 1 in pixel offsets
/// (u, v) = (x − CentreX, y − CentreY), so an ellipse drawn in metres stays exact on anisotropic pixels.
/// </summary>
public readonly record struct ChangePatch(double CentreX, double CentreY, double A, double B, double C, float ReflectivityFactor)
{
    /// <summary>An ellipse with semi-axes a, b (metres), axis a at <paramref name="angle"/> (radians from the column axis).</summary>
    public static ChangePatch FromMetres(double centreX, double centreY, double semiAxisA, double semiAxisB, double angle,
        double columnSpacing, double rowSpacing, float reflectivityFactor)
    {
        // Point in metres: (u·sx, v·sy); rotate into the ellipse frame and sum the normalised squares.
        var (s, c) = Math.SinCos(angle);
        double ia = 1 / (semiAxisA * semiAxisA), ib = 1 / (semiAxisB * semiAxisB);
        double a = (c * c * ia + s * s * ib) * columnSpacing * columnSpacing;
        double b = (c * s * (ia - ib)) * columnSpacing * rowSpacing;
        double cc = (s * s * ia + c * c * ib) * rowSpacing * rowSpacing;
        return new ChangePatch(centreX, centreY, a, b, cc, reflectivityFactor);
    }

    public bool Contains(double x, double y)
    {
        double u = x - CentreX, v = y - CentreY;
        return A * u * u + 2 * B * u * v + C * v * v <= 1;
    }

    /// <summary>Area in pixels (π/√(AC − B²)).</summary>
    public double AreaPixels => Math.PI / Math.Sqrt(A * C - B * B);

    /// <summary>
    /// Writes per-pixel change factors over <paramref name="region"/>: 0 where unchanged, else the patch's
    /// reflectivity factor (the last patch wins where they overlap).
    /// </summary>
    public static void Render(IReadOnlyList<ChangePatch> patches, PixelRect region, Span<float> factor)
    {
        factor.Slice(0, (int)region.Area).Clear();
        foreach (var p in patches)
        {
            double det = p.A * p.C - p.B * p.B;
            double hx = Math.Sqrt(p.C / det), hy = Math.Sqrt(p.A / det); // half extents of the bounding box
            var box = PixelRect.FromBounds((int)Math.Floor(p.CentreX - hx), (int)Math.Floor(p.CentreY - hy),
                (int)Math.Ceiling(p.CentreX + hx) + 1, (int)Math.Ceiling(p.CentreY + hy) + 1).Intersect(region);
            for (int y = box.Y; y < box.Bottom; y++)
            {
                var row = factor.Slice((y - region.Y) * region.Width, region.Width);
                for (int x = box.X; x < box.Right; x++)
                    if (p.Contains(x, y)) row[x - region.X] = p.ReflectivityFactor;
            }
        }
    }
}
