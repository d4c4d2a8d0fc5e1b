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
