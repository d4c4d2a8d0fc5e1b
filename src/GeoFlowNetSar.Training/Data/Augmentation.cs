using GeoFlowNetSar.Synthesis.Samples;

namespace GeoFlowNetSar.Training.Data;

/// <summary>
/// Geometric augmentations that keep the sign convention exact. Mirroring columns turns a motion of +dx into −dx
/// (dy unchanged); mirroring rows negates dy. Both are applied identically to PRE, POST, dx and dy.
/// Deliberately absent: 90° rotations and transposes (range and azimuth have different resolution and noise, so
/// they are not interchangeable) and PRE/POST swaps (the field would have to be inverted, d(p) ↦ −d(p − d), not
/// just negated).
/// </summary>
public static class Augmentation
{
    public static SarPairSample Apply(SarPairSample sample, bool flipColumns, bool flipRows)
    {
        if (!flipColumns && !flipRows) return sample;
        int n = sample.Size;
        var pre = new float[n * n];
        var post = new float[n * n];
        var dx = new float[n * n];
        var dy = new float[n * n];
        float sx = flipColumns ? -1f : 1f, sy = flipRows ? -1f : 1f;
        for (int y = 0; y < n; y++)
        {
            int sourceRow = flipRows ? n - 1 - y : y;
            for (int x = 0; x < n; x++)
            {
                int source = sourceRow * n + (flipColumns ? n - 1 - x : x);
                int target = y * n + x;
                pre[target] = sample.Pre[source];
                post[target] = sample.Post[source];
                dx[target] = sx * sample.Dx[source];
                dy[target] = sy * sample.Dy[source];
            }
        }
        var parameters = new Dictionary<string, string>(sample.Parameters)
        {
            ["augment.flip_columns"] = flipColumns ? "true" : "false",
            ["augment.flip_rows"] = flipRows ? "true" : "false",
        };
        return new SarPairSample(n, pre, post, dx, dy, parameters);
    }

    /// <summary>Mirror columns: dx → −dx.</summary>
    public static SarPairSample FlipColumns(SarPairSample sample) => Apply(sample, true, false);

    /// <summary>Mirror rows: dy → −dy.</summary>
    public static SarPairSample FlipRows(SarPairSample sample) => Apply(sample, false, true);

    /// <summary>The flips used for the sample of <paramref name="seed"/> (deterministic, independent of the generator's use of the seed).</summary>
    public static (bool FlipColumns, bool FlipRows) ChooseFlips(long seed)
    {
        ulong bits = SeedMixer.Mix((ulong)seed ^ 0xA5A5_5A5A_F00D_BEEFUL);
        return ((bits & 1) != 0, (bits & 2) != 0);
    }
}
