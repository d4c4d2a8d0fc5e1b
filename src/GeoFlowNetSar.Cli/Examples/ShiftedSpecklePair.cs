using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Textures;

namespace GeoFlowNetSar.Cli.Examples;

/// <summary>
/// An example pair with a known, constant sub-pixel displacement: single-look speckle amplitude |z| of a
/// band-limited complex field (detected at 2× oversampling, fmax = ¼ cycle/pixel), POST sampled exactly at
/// p − d so that POST(p + d) = PRE(p).
/// </summary>
public static class ShiftedSpecklePair
{
    public static (FloatImage Pre, FloatImage Post) Create(int size, double dx, double dy, int seed)
    {
        var field = new PlaneWaveField(waves: 800, maxFrequency: 0.25, seed);
        return (field.Amplitude(size, size), field.Amplitude(size, size, dx, dy));
    }
}
