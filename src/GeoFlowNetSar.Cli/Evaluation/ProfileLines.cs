using GeoFlowNetSar.Core.Metrics;

namespace GeoFlowNetSar.Cli.Evaluation;

/// <summary>A straight profile: its centre (column, row), unit direction, and half-length in pixels.</summary>
public sealed record ProfileLine(double CentreX, double CentreY, double DirectionX, double DirectionY, int HalfLength, bool AcrossRupture)
{
    public (double X, double Y) Start => (CentreX - HalfLength * DirectionX, CentreY - HalfLength * DirectionY);

    public (double X, double Y) End => (CentreX + HalfLength * DirectionX, CentreY + HalfLength * DirectionY);

    /// <summary>Nearest-pixel samples along the line inside the image: (signed distance from the centre in px, pixel index).</summary>
    public IReadOnlyList<(double Distance, int Index)> Samples(int width, int height)
    {
        var samples = new List<(double, int)>();
        for (int k = -HalfLength; k <= HalfLength; k++)
        {
            int x = (int)Math.Round(CentreX + k * DirectionX), y = (int)Math.Round(CentreY + k * DirectionY);
            if (x >= 0 && x < width && y >= 0 && y < height) samples.Add((k, y * width + x));
        }
        return samples;
    }
}

/// <summary>
/// Where the paper's Fig. 6 profiles go: three lines across the rupture. The rupture is found from the true field
/// (pixels whose 3×3 neighbourhood spans a jump, <see cref="FaultProximity"/>); its main direction u is the
/// principal axis of those pixels (θ = ½·atan2(2σxy, σxx − σyy)). The profiles run along the normal of u through
/// the rupture pixels at the 20th, 50th and 80th percentile of the position along u, so each crosses the rupture
/// at its centre even on a bent fault. Without a truth or a rupture: three rows at ¼, ½, ¾ of the height.
/// </summary>
public static class ProfileLines
{
    public static IReadOnlyList<ProfileLine> Place(DisplacementRaster? truth, int width, int height)
    {
        int halfLength = Math.Max(16, Math.Min(width, height) / 4);
        var rupture = truth is null ? null : FaultProximity.NearRupture(truth.Dx, truth.Dy, width, height, radius: 0);
        var points = new List<(double X, double Y)>();
        if (rupture is not null)
            for (int i = 0; i < rupture.Length; i++)
                if (rupture[i]) points.Add((i % width, i / width));
        if (points.Count < 3)
            return new[] { 0.25, 0.5, 0.75 }.Select(f => new ProfileLine((width - 1) / 2.0, Math.Round(f * (height - 1)), 1, 0, (width - 1) / 2, false)).ToArray();

        double mx = points.Average(p => p.X), my = points.Average(p => p.Y);
        double sxx = points.Average(p => (p.X - mx) * (p.X - mx));
        double syy = points.Average(p => (p.Y - my) * (p.Y - my));
        double sxy = points.Average(p => (p.X - mx) * (p.Y - my));
        double theta = 0.5 * Math.Atan2(2 * sxy, sxx - syy);
        double ux = Math.Cos(theta), uy = Math.Sin(theta);
        var along = points.OrderBy(p => (p.X - mx) * ux + (p.Y - my) * uy).ToArray();
        return new[] { 0.2, 0.5, 0.8 }.Select(q =>
        {
            var centre = along[(int)Math.Round(q * (along.Length - 1))];
            return new ProfileLine(centre.X, centre.Y, -uy, ux, halfLength, true);
        }).ToArray();
    }
}
