using GeoFlowNetSar.Synthesis.Speckle;

namespace GeoFlowNetSar.Synthesis.Simulation;

/// <summary>
/// Independent random streams per simulator stage, all derived from the sample seed. Changing how one stage
/// draws (say, more fault segments) leaves every other stage's output unchanged.
/// </summary>
internal static class Seeds
{
    public const int Scene = 1, Fault = 2, Reflectivity = 3, Speckle = 4, Changes = 5, Distributed = 6, Geometry = 7;

    public static ulong Key(long seed, int stream) => PixelHash.Derive(PixelHash.Mix((ulong)seed), stream);

    public static Random Random(long seed, int stream) => new SeededRandom(Key(seed, stream));
}
