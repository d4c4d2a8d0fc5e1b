namespace GeoFlowNetSar.Synthesis.Speckle;

/// <summary>
/// Counter-based randomness: every random number the simulator draws per pixel or per lattice node is a hash of
/// (key, x, y) in GLOBAL pixel/node coordinates, never a sequential generator. So any rectangle of a scene
/// (a 256² sample, or one row band of a 24418-row swath) is generated independently and identically, in any order
/// and on any thread.
/// </summary>
public static class PixelHash
{
    /// <summary>SplitMix64 finaliser (Steele, Lea &amp; Flood 2014): a bijection of 64-bit words with full avalanche.</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A 64-bit random word for cell (x, y) of the stream <paramref name="key"/> (key should itself be mixed).</summary>
    public static ulong At(ulong key, int x, int y) => Mix(key ^ (((ulong)(uint)y << 32) | (uint)x));

    /// <summary>An independent sub-stream key.</summary>
    public static ulong Derive(ulong key, int stream) => Mix(key ^ Mix(0xD1B54A32D192ED03UL * (ulong)(uint)(stream + 1)));

    /// <summary>Uniform in [0, 1) from the top 53 bits.</summary>
    public static double Uniform(ulong h) => (h >> 11) * (1.0 / (1UL << 53));
}
