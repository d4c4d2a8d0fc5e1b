namespace GeoFlowNetSar.Synthesis.Scenes;

/// <summary>
/// Rows [<see cref="Row0"/>, Row0 + <see cref="Rows"/>) of a <see cref="FaultDeformScene"/>, full width, row-major:
/// PRE and POST linear amplitude and the true displacement (pixels, DESIGN.md sign: POST(p + d(p)) ≈ PRE(p)).
/// </summary>
public sealed record SceneBand(int Row0, int Rows, int Width, float[] Pre, float[] Post, float[] Dx, float[] Dy);
