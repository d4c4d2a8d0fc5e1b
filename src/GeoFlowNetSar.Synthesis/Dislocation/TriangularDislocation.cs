using GeoFlowNetSar.Synthesis.Dislocation.Triangular;

namespace GeoFlowNetSar.Synthesis.Dislocation;

/// <summary>A point of a fault surface: East, North and depth (positive down), same length unit as the slip.</summary>
public readonly record struct FaultVertex(double East, double North, double Depth);

/// <summary>
/// Displacement of a uniform-slip triangular dislocation in an elastic half-space, after Nikkhoo, M. &amp; Walter,
/// T. R. (2015), "Triangular dislocation: an analytical, artefact-free solution", Geophys. J. Int. 201, 1119–1141:
/// full-space TD (three Comninou–Dundurs angular dislocations in the artefact-free configuration plus the Burgers'
/// function) + its image about the free surface + the harmonic free-surface correction of the three sides.
/// Valid at the surface and at any depth.
/// </summary>
/// <remarks>
/// Slip follows <see cref="FaultPatch"/> and Okada (1985): the hanging wall is the side the upward normal points
/// into; strike is the horizontal direction in the plane with the hanging wall on its right (dip to the right of
/// strike), i.e. ŝ = ẑ × n̂. Strike-slip &gt; 0 moves the hanging wall along +ŝ relative to the foot wall
/// (left-lateral), dip-slip &gt; 0 moves it up-dip (reverse), opening &gt; 0 separates the walls along n̂.
/// The vertex order does not matter, except for a vertical triangle: then the normal (P2 − P1) × (P3 − P1)
/// points into the "hanging wall", so strike = ẑ × that normal. A horizontal triangle has strike North and
/// dips East (strike 0°, dip 0° in FaultPatch terms).
///
/// Points on a triangle side give NaN (the dislocation line; the field is singular or multivalued there).
/// Points on the triangle's interior give the mean of the two faces.
/// </remarks>
public sealed class TriangularDislocation : ISurfaceDislocation
{
    // |n_z| below this is a vertical triangle: keep the vertex order's normal.
    private const double VerticalNormal = 1e-12;

    private readonly FullSpaceTriangle _source, _image;
    private readonly SideSurfaceCorrection[] _sides;

    /// <param name="v1">First vertex.</param>
    /// <param name="v2">Second vertex.</param>
    /// <param name="v3">Third vertex.</param>
    /// <param name="strikeSlip">Positive left-lateral (hanging wall toward +strike).</param>
    /// <param name="dipSlip">Positive reverse (hanging wall up-dip).</param>
    /// <param name="opening">Positive opening.</param>
    /// <param name="poissonRatio">ν of the half-space.</param>
    public TriangularDislocation(FaultVertex v1, FaultVertex v2, FaultVertex v3,
        double strikeSlip, double dipSlip, double opening = 0, double poissonRatio = 0.25)
    {
        foreach (var v in new[] { v1, v2, v3 })
        {
            if (!double.IsFinite(v.East) || !double.IsFinite(v.North) || !double.IsFinite(v.Depth))
                throw new ArgumentException($"vertex {v} is not finite");
            if (v.Depth < 0) throw new ArgumentOutOfRangeException(nameof(v1), v, "vertex depth must be >= 0 (below the free surface)");
        }
        if (!(poissonRatio > -1 && poissonRatio < 0.5)) throw new ArgumentOutOfRangeException(nameof(poissonRatio), poissonRatio, "must be in (-1, 0.5)");
        if (v1.Depth == 0 && v2.Depth == 0 && v3.Depth == 0)
            throw new ArgumentException("a triangle lying in the free surface is not a dislocation in the half-space");

        Vec3 p1 = ToEnu(v1), p2 = ToEnu(v2), p3 = ToEnu(v3);
        Vec3 normal = (p2 - p1).Cross(p3 - p1);
        double longest = Math.Max((p2 - p1).Norm, Math.Max((p3 - p2).Norm, (p1 - p3).Norm));
        if (!(normal.Norm > 1e-12 * longest * longest)) throw new ArgumentException("degenerate triangle (collinear vertices)");
        if (normal.Normalized().Z < -VerticalNormal) (p2, p3) = (p3, p2);

        var burgers = new Vec3(opening, strikeSlip, dipSlip); // (Ts, Ss, Ds) in the TDCS of the ordered vertices
        _source = new FullSpaceTriangle(p1, p2, p3, burgers, poissonRatio);
        _image = new FullSpaceTriangle(Mirror(p1), Mirror(p2), Mirror(p3), burgers, poissonRatio);
        Vec3 burgersEnu = _source.Tdcs.ToGlobal(burgers);
        _sides =
        [
            new SideSurfaceCorrection(p1, p2, burgersEnu, poissonRatio),
            new SideSurfaceCorrection(p2, p3, burgersEnu, poissonRatio),
            new SideSurfaceCorrection(p3, p1, burgersEnu, poissonRatio),
        ];

        Frame tdcs = _source.Tdcs;
        StrikeDegrees = (Math.Atan2(tdcs.E2.X, tdcs.E2.Y) * 180 / Math.PI + 360) % 360;
        DipDegrees = Math.Acos(Math.Clamp(Math.Abs(tdcs.E1.Z), 0, 1)) * 180 / Math.PI;
        // The top "edge" degenerates to the shallowest vertex unless two vertices share the top depth.
        var byDepth = new[] { v1, v2, v3 }.OrderBy(v => v.Depth).ToArray();
        var second = byDepth[1].Depth - byDepth[0].Depth <= 1e-9 * longest ? byDepth[1] : byDepth[0];
        TopDepth = byDepth[0].Depth;
        TopEdgeStart = (byDepth[0].East, byDepth[0].North);
        TopEdgeEnd = (second.East, second.North);
        Vertices = [v1, v2, v3];
        StrikeSlip = strikeSlip;
        DipSlip = dipSlip;
        Opening = opening;
        PoissonRatio = poissonRatio;
    }

    /// <summary>Slip given by rake λ (FaultPatch convention: 0° left-lateral, 90° reverse, −90° normal).</summary>
    public static TriangularDislocation FromRake(FaultVertex v1, FaultVertex v2, FaultVertex v3,
        double rakeDegrees, double slip, double opening = 0, double poissonRatio = 0.25)
    {
        var (sin, cos) = Angles.SinCosDegrees(rakeDegrees);
        return new TriangularDislocation(v1, v2, v3, slip * cos, slip * sin, opening, poissonRatio);
    }

    /// <summary>Strike φ of the triangle's plane, degrees clockwise from North, in [0, 360).</summary>
    public double StrikeDegrees { get; }

    /// <summary>Dip δ in [0, 90], to the right of strike.</summary>
    public double DipDegrees { get; }

    /// <summary>The vertices as given.</summary>
    public IReadOnlyList<FaultVertex> Vertices { get; }

    public double TopDepth { get; }

    /// <summary>Projection of the edge joining the two shallowest vertices when they share the top depth, else of that vertex alone.</summary>
    public (double East, double North) TopEdgeStart { get; }

    /// <inheritdoc cref="TopEdgeStart"/>
    public (double East, double North) TopEdgeEnd { get; }

    public double StrikeSlip { get; }
    public double DipSlip { get; }
    public double Opening { get; }
    public double PoissonRatio { get; }

    /// <summary>Half-space displacement at a surface point.</summary>
    public EnuDisplacement DisplacementAt(double east, double north) => DisplacementAt(east, north, 0);

    /// <summary>Half-space displacement at a point at <paramref name="depth"/> ≥ 0 (0: the free surface).</summary>
    public EnuDisplacement DisplacementAt(double east, double north, double depth)
    {
        if (!(depth >= 0)) throw new ArgumentOutOfRangeException(nameof(depth), depth, "must be >= 0");
        var p = new Vec3(east, north, -depth);
        Vec3 u = _source.Displacement(p) + _image.Displacement(p);
        foreach (var side in _sides) u += side.Displacement(p);
        return new EnuDisplacement(u.X, u.Y, u.Z);
    }

    /// <summary>The same triangle in an infinite medium (no free surface), at any point (East, North, Up).</summary>
    public EnuDisplacement FullSpaceDisplacementAt(double east, double north, double up)
    {
        Vec3 u = _source.Displacement(new Vec3(east, north, up));
        return new EnuDisplacement(u.X, u.Y, u.Z);
    }

    private static Vec3 ToEnu(FaultVertex v) => new(v.East, v.North, -v.Depth);

    private static Vec3 Mirror(Vec3 p) => new(p.X, p.Y, -p.Z);
}
