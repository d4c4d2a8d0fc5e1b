using GeoFlowNetSar.Core.Rasters;

namespace GeoFlowNetSar.Pipeline.Tests;

internal static class TestImages
{
    public static FloatImage Random(int width, int height, int seed, float offset = 1f)
    {
        var random = new Random(seed);
        var image = new FloatImage(width, height);
        for (int i = 0; i < image.Pixels.Length; i++) image.Pixels[i] = offset + (float)random.NextDouble();
        return image;
    }
}
