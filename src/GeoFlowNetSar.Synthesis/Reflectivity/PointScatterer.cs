namespace GeoFlowNetSar.Synthesis.Reflectivity;

/// <summary>
/// A persistent point target (building corner, pylon, rock face): a deterministic complex impulse at global
/// pixel (X, Y), added to the white field before band-limiting so it shows as the system's impulse response
/// (a sinc-like bright spot), identical in PRE and POST except where the ground changed.
/// </summary>
/// <param name="Intensity">Peak |z|² after band-limiting, relative to unit reflectivity (σ = 1).</param>
/// <param name="Phase">Phase of the impulse, radians.</param>
public readonly record struct PointScatterer(int X, int Y, float Intensity, float Phase);
