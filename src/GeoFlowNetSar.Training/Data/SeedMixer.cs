namespace GeoFlowNetSar.Training.Data;

/// <summary>SplitMix64's finaliser: turns consecutive seeds into unrelated 64-bit values.</summary>
internal static class SeedMixer
{
    public static ulong Mix(ulong z)
    {
        z += 0x9E37_79B9_7F4A_7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }

    public static int ToInt32(long seed) => (int)(Mix((ulong)seed) >> 33);
}
