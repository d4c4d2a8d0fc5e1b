namespace GeoFlowNetSar.Synthesis.Dislocation;

internal static class Angles
{
    /// <summary>
    /// Sine and cosine of an angle in degrees, exact at multiples of 90°, so that a vertical fault has
    /// cos δ = 0 (Okada's eq. 29 branch) and rake 180° carries no spurious 1e-16 dip-slip.
    /// </summary>
    public static (double Sin, double Cos) SinCosDegrees(double degrees)
    {
        double reduced = degrees % 360.0;
        if (reduced < 0) reduced += 360.0;
        switch (reduced)
        {
            case 0.0: return (0.0, 1.0);
            case 90.0: return (1.0, 0.0);
            case 180.0: return (0.0, -1.0);
            case 270.0: return (-1.0, 0.0);
            default: return Math.SinCos(degrees * (Math.PI / 180.0));
        }
    }
}
