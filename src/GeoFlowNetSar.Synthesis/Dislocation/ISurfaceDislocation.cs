namespace GeoFlowNetSar.Synthesis.Dislocation;

/// <summary>
/// A fault element whose free-surface displacement can be evaluated anywhere: an Okada rectangle
/// (<see cref="FaultPatch"/>) or a triangle (<see cref="TriangularDislocation"/>).
/// </summary>
public interface ISurfaceDislocation
{
    /// <summary>Surface displacement (East, North, Up) at a surface point.</summary>
    EnuDisplacement DisplacementAt(double east, double north);

    /// <summary>Depth of the element's shallowest point (0: it breaks the surface).</summary>
    double TopDepth { get; }

    /// <summary>Horizontal projection of the shallowest edge: where a surface rupture puts its jump.</summary>
    (double East, double North) TopEdgeStart { get; }

    /// <inheritdoc cref="TopEdgeStart"/>
    (double East, double North) TopEdgeEnd { get; }
}

public static class SurfaceDislocationExtensions
{
    /// <summary>Surface displacements at many points; spans must have equal lengths; no allocation.</summary>
    public static void DisplacementAt(this ISurfaceDislocation dislocation, ReadOnlySpan<double> east, ReadOnlySpan<double> north,
        Span<double> uEast, Span<double> uNorth, Span<double> uUp)
    {
        int n = east.Length;
        if (north.Length != n || uEast.Length != n || uNorth.Length != n || uUp.Length != n)
            throw new ArgumentException("all spans must have the same length");
        for (int i = 0; i < n; i++)
        {
            var u = dislocation.DisplacementAt(east[i], north[i]);
            uEast[i] = u.East;
            uNorth[i] = u.North;
            uUp[i] = u.Up;
        }
    }
}
