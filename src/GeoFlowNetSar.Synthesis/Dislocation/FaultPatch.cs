namespace GeoFlowNetSar.Synthesis.Dislocation;

/// <summary>
/// A rectangular fault in local East/North/Up coordinates, evaluated with <see cref="OkadaRectangle"/>.
/// </summary>
/// <remarks>
/// Conventions (Aki &amp; Richards 1980): strike φ in degrees clockwise from North; the fault dips by δ ∈ [0°, 90°]
/// to the right of the strike direction; rake λ is measured in the fault plane counter-clockwise from the
/// strike direction and gives the motion of the hanging wall relative to the foot wall: λ = 0° left-lateral,
/// 90° reverse, 180° right-lateral, −90° normal. Hence Okada's U1 = slip·cos λ, U2 = slip·sin λ, U3 = opening.
///
/// Okada's x axis is the strike direction ŝ = (sin φ, cos φ) in (E, N); his y axis is ŝ turned 90° counter-clockwise,
/// (−cos φ, sin φ), so the dip direction (right of strike) is −y as his frame requires. His origin is the surface
/// projection of the lower edge's first corner: a distance L/2 back along strike from the top centre and W cos δ
/// down-dip, at lower-edge depth d = top depth + W sin δ.
/// </remarks>
public sealed class FaultPatch : ISurfaceDislocation
{
    private readonly OkadaRectangle _okada;
    private readonly double _sinStrike, _cosStrike, _topEdgeY;

    /// <param name="topCentreEast">East of the top edge's midpoint.</param>
    /// <param name="topCentreNorth">North of the top edge's midpoint.</param>
    /// <param name="topDepth">Depth of the top edge, ≥ 0 (positive down).</param>
    /// <param name="strikeDegrees">φ, clockwise from North.</param>
    /// <param name="dipDegrees">δ in [0, 90], dipping to the right of strike.</param>
    /// <param name="length">Along-strike length.</param>
    /// <param name="width">Down-dip width.</param>
    /// <param name="rakeDegrees">λ, counter-clockwise from strike in the fault plane (hanging wall motion).</param>
    /// <param name="slip">Shear slip magnitude.</param>
    /// <param name="opening">Tensile opening (positive opens).</param>
    /// <param name="poissonRatio">ν of the half-space.</param>
    public FaultPatch(double topCentreEast, double topCentreNorth, double topDepth, double strikeDegrees,
        double dipDegrees, double length, double width, double rakeDegrees, double slip,
        double opening = 0, double poissonRatio = 0.25)
    {
        if (!(dipDegrees >= 0 && dipDegrees <= 90)) throw new ArgumentOutOfRangeException(nameof(dipDegrees), dipDegrees, "must be in [0, 90]");
        if (!(topDepth >= 0)) throw new ArgumentOutOfRangeException(nameof(topDepth), topDepth, "must be >= 0");

        TopCentreEast = topCentreEast;
        TopCentreNorth = topCentreNorth;
        TopDepth = topDepth;
        StrikeDegrees = strikeDegrees;
        RakeDegrees = rakeDegrees;
        Slip = slip;

        (_sinStrike, _cosStrike) = Angles.SinCosDegrees(strikeDegrees);
        var (sinDip, cosDip) = Angles.SinCosDegrees(dipDegrees);
        var (sinRake, cosRake) = Angles.SinCosDegrees(rakeDegrees);
        _topEdgeY = width * cosDip;
        _okada = new OkadaRectangle(topDepth + width * sinDip, dipDegrees, length, width,
            slip * cosRake, slip * sinRake, opening, poissonRatio);
    }

    /// <summary>
    /// Same fault placed by the top edge's first corner, the one from which the strike direction points along the top edge.
    /// </summary>
    public static FaultPatch FromTopStartCorner(double cornerEast, double cornerNorth, double topDepth, double strikeDegrees,
        double dipDegrees, double length, double width, double rakeDegrees, double slip,
        double opening = 0, double poissonRatio = 0.25)
    {
        var (sinStrike, cosStrike) = Angles.SinCosDegrees(strikeDegrees);
        return new FaultPatch(cornerEast + 0.5 * length * sinStrike, cornerNorth + 0.5 * length * cosStrike, topDepth,
            strikeDegrees, dipDegrees, length, width, rakeDegrees, slip, opening, poissonRatio);
    }

    public double TopCentreEast { get; }
    public double TopCentreNorth { get; }
    public double TopDepth { get; }
    public double StrikeDegrees { get; }
    public double DipDegrees => _okada.DipDegrees;
    public double Length => _okada.Length;
    public double Width => _okada.Width;
    public double RakeDegrees { get; }
    public double Slip { get; }
    public double Opening => _okada.Opening;
    public double PoissonRatio => _okada.PoissonRatio;

    public (double East, double North) TopEdgeStart =>
        (TopCentreEast - 0.5 * Length * _sinStrike, TopCentreNorth - 0.5 * Length * _cosStrike);

    public (double East, double North) TopEdgeEnd =>
        (TopCentreEast + 0.5 * Length * _sinStrike, TopCentreNorth + 0.5 * Length * _cosStrike);

    /// <summary>The same source in Okada's frame.</summary>
    public OkadaRectangle Okada => _okada;

    public EnuDisplacement DisplacementAt(double east, double north)
    {
        double de = east - TopCentreEast, dn = north - TopCentreNorth;
        double x = de * _sinStrike + dn * _cosStrike + 0.5 * _okada.Length;
        double y = -de * _cosStrike + dn * _sinStrike + _topEdgeY;
        var u = _okada.DisplacementAt(x, y);
        return new EnuDisplacement(
            u.Ux * _sinStrike - u.Uy * _cosStrike,
            u.Ux * _cosStrike + u.Uy * _sinStrike,
            u.Uz);
    }
}
