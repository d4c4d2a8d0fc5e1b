using GeoFlowNetSar.Synthesis.Faults;
using GeoFlowNetSar.Synthesis.Geometry;
using GeoFlowNetSar.Synthesis.Samples;
using GeoFlowNetSar.Synthesis.Speckle;

namespace GeoFlowNetSar.Synthesis.Simulation;

/// <summary>
/// A simulated pair with its ingredients: the training sample plus the fault (null when d ≡ 0), the geometry,
/// the displacement field, the change patches and, when asked for, the complex PRE and (warped) POST fields over
/// the sample (before detection) — for checks such as coherence and warping sign.
/// </summary>
public sealed record SimulatedPair(
    SarPairSample Sample,
    SceneFrame Frame,
    RoughFault? Fault,
    DisplacementField Displacement,
    double Coherence,
    IReadOnlyList<ChangePatch> Changes,
    ComplexField? ComplexPre,
    ComplexField? ComplexPost);
