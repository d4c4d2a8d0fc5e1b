namespace GeoFlowNetSar.Synthesis.Dislocation.Triangular;

/// <summary>
/// Harmonic free-surface correction of one triangle side PA→PB, Nikkhoo &amp; Walter (2015): a pair of half-space
/// angular dislocations with vertices at PA and PB, both with the inclined leg along the side and the other leg
/// vertical, whose difference cancels everywhere except along the side. Their harmonic parts cancel the surface
/// tractions the full-space TD and its image leave on z = 0.
/// </summary>
/// <remarks>
/// Angular-dislocation frame: y1 horizontal along the side, y3 down, y2 = y3 × y1; β is the side's angle from the
/// downward vertical. A vertical side (β = 0 or π) contributes nothing. For the artefact-free choice, points with
/// y1 ≥ 0 (measured from PA) use the pair with angle −π + β, the others the pair with angle β, so that the image
/// Burgers' function's branch cut never reaches them.
/// </remarks>
internal sealed class SideSurfaceCorrection
{
    // Below this horizontal/total length ratio the side counts as vertical: cot β would swamp the sum in rounding.
    private const double VerticalSide = 1e-12;

    private readonly bool _vertical;
    private readonly Frame _adcs;
    private readonly Vec3 _startEnu, _sideInAdcs;
    private readonly AngularDislocationSurfaceCorrection _first, _second; // angles −π + β and β
    private readonly double _startDepth, _endDepth;

    /// <param name="start">PA in (East, North, Up), Up ≤ 0.</param>
    /// <param name="end">PB.</param>
    /// <param name="burgersEnu">Burgers vector in East/North/Up.</param>
    /// <param name="poissonRatio">ν.</param>
    public SideSurfaceCorrection(Vec3 start, Vec3 end, Vec3 burgersEnu, double poissonRatio)
    {
        Vec3 side = end - start;
        double horizontal = Math.Sqrt(side.X * side.X + side.Y * side.Y);
        _vertical = horizontal <= VerticalSide * side.Norm;
        double beta = Math.Atan2(horizontal, -side.Z);
        if (!_vertical)
        {
            var e1 = new Vec3(side.X / horizontal, side.Y / horizontal, 0);
            var e3 = new Vec3(0, 0, -1);
            _adcs = new Frame(e1, e3.Cross(e1), e3);
        }
        _startEnu = start;
        _sideInAdcs = _adcs.ToLocal(side);
        Vec3 burgers = _adcs.ToLocal(burgersEnu);
        _first = new AngularDislocationSurfaceCorrection(-Math.PI + beta, burgers, poissonRatio);
        _second = new AngularDislocationSurfaceCorrection(beta, burgers, poissonRatio);
        _startDepth = -start.Z;
        _endDepth = -end.Z;
    }

    /// <summary>Correction (East, North, Up) at a point in East/North/Up.</summary>
    public Vec3 Displacement(Vec3 point)
    {
        if (_vertical) return default;
        Vec3 fromStart = _adcs.ToLocal(point - _startEnu);
        Vec3 fromEnd = fromStart - _sideInAdcs;
        var pair = fromStart.X >= 0 ? _first : _second;
        Vec3 v = pair.Displacement(fromEnd, _endDepth) - pair.Displacement(fromStart, _startDepth);
        return _adcs.ToGlobal(v);
    }
}
