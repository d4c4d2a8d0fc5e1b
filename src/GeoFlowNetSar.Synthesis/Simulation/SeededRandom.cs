using GeoFlowNetSar.Synthesis.Speckle;

namespace GeoFlowNetSar.Synthesis.Simulation;

/// <summary>
/// A <see cref="Random"/> with a full 64-bit seed and a fixed algorithm (xoshiro256**, Blackman &amp; Vigna 2018),
/// so generated parameters do not depend on the runtime's Random implementation.
/// </summary>
public sealed class SeededRandom : Random
{
    private ulong _s0, _s1, _s2, _s3;

    public SeededRandom(ulong seed)
    {
        // SplitMix64 expansion of the seed, as the xoshiro authors recommend (never all-zero state).
        _s0 = PixelHash.Mix(seed);
        _s1 = PixelHash.Mix(seed + 1);
        _s2 = PixelHash.Mix(seed + 2);
        _s3 = PixelHash.Mix(seed + 3);
    }

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
    public override float NextSingle() => (NextUInt64() >> 40) * (1f / (1 << 24));
    protected override double Sample() => NextDouble();
    public override int Next()
    {
        while (true)
        {
            int v = (int)(NextUInt64() >> 33); // [0, 2³¹)
            if (v != int.MaxValue) return v;
        }
    }
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)NextInt64(maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (int)(minValue + NextInt64((long)maxValue - minValue));
    }

    public override long NextInt64()
    {
        while (true)
        {
            long v = (long)(NextUInt64() >> 1);
            if (v != long.MaxValue) return v;
        }
    }

    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        if (maxValue <= 1) return 0;
        // Lemire's multiply-shift with rejection: unbiased.
        ulong range = (ulong)maxValue;
        ulong threshold = (0 - range) % range;
        while (true)
        {
            UInt128 m = (UInt128)NextUInt64() * range;
            if ((ulong)m >= threshold) return (long)(ulong)(m >> 64);
        }
    }

    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue + NextInt64(maxValue - minValue);
    }

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    public override void NextBytes(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)(NextUInt64() >> 56);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
