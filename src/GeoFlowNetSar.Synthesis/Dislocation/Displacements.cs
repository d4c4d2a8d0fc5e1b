namespace GeoFlowNetSar.Synthesis.Dislocation;

/// <summary>Surface displacement in Okada's (1985) fault frame: x along strike, y horizontal normal to strike, z up.</summary>
public readonly record struct OkadaDisplacement(double Ux, double Uy, double Uz);

/// <summary>Surface displacement in local geographic axes (East, North, Up), same length unit as the slip.</summary>
public readonly record struct EnuDisplacement(double East, double North, double Up);
