using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Textures;

namespace GeoFlowNetSar.Cluster.Tests;

/// <summary>Band-limited speckle pairs with a known constant shift (PRE(p) = POST(p + d)).</summary>
internal static class SceneInputs
{
    public static (FloatImage Pre, FloatImage Post) Speckle(int width, int height, double dx = 0.37, double dy = -0.23, int seed = 7)
    {
        var field = new PlaneWaveField(waves: 400, maxFrequency: 0.25, seed);
        return (field.Amplitude(width, height), field.Amplitude(width, height, dx, dy));
    }
}
