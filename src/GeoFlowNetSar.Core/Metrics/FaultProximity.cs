namespace GeoFlowNetSar.Core.Metrics;

/// <summary>
/// Pixels near a rupture, found from the true field itself: a pixel is "on the rupture" when its 3×3 neighbourhood
/// spans more than <c>jump</c> px in dx or dy, and "near the fault" within <c>radius</c> px (square neighbourhood) of
/// one. This is how the paper's near-fault errors are scored (within 10 px of the rupture).
/// </summary>
public static class FaultProximity
{
    /// <summary>The paper's near-fault band: within 10 px of the rupture.</summary>
    public const int DefaultRadius = 10;

    /// <summary>A 3×3 span above this share of the field's max |d| counts as the rupture.</summary>
    public const double RelativeJump = 0.05;

    /// <summary>
    /// <see cref="NearFault"/> with the jump at <see cref="RelativeJump"/> × max(|dx|, |dy|) of the true field (all false
    /// for a field without motion).
    /// </summary>
    public static bool[] NearRupture(ReadOnlySpan<float> dx, ReadOnlySpan<float> dy, int width, int height, int radius = DefaultRadius)
    {
        double maxAbs = 0;
        for (int i = 0; i < dx.Length; i++)
        {
            if (float.IsFinite(dx[i])) maxAbs = Math.Max(maxAbs, Math.Abs(dx[i]));
            if (float.IsFinite(dy[i])) maxAbs = Math.Max(maxAbs, Math.Abs(dy[i]));
        }
        return maxAbs == 0 ? new bool[width * height] : NearFault(dx, dy, width, height, RelativeJump * maxAbs, radius);
    }

    public static bool[] NearFault(ReadOnlySpan<float> dx, ReadOnlySpan<float> dy, int width, int height, double jump, int radius)
    {
        var onRupture = new bool[width * height];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                onRupture[y * width + x] = SpansMoreThan(dx, width, height, x, y, jump) || SpansMoreThan(dy, width, height, x, y, jump);
        return Dilate(onRupture, width, height, radius);
    }

    private static bool SpansMoreThan(ReadOnlySpan<float> field, int width, int height, int x, int y, double jump)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        for (int j = Math.Max(0, y - 1); j <= Math.Min(height - 1, y + 1); j++)
            for (int i = Math.Max(0, x - 1); i <= Math.Min(width - 1, x + 1); i++)
            {
                float v = field[j * width + i];
                if (!float.IsFinite(v)) continue;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        return max - min > jump;
    }

    // A square dilation is separable: a horizontal pass then a vertical pass, each O(N·r).
    private static bool[] Dilate(bool[] mask, int width, int height, int radius)
    {
        var rows = new bool[mask.Length];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int i = Math.Max(0, x - radius); i <= Math.Min(width - 1, x + radius) && !rows[y * width + x]; i++)
                    rows[y * width + x] = mask[y * width + i];
        var result = new bool[mask.Length];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int j = Math.Max(0, y - radius); j <= Math.Min(height - 1, y + radius) && !result[y * width + x]; j++)
                    result[y * width + x] = rows[j * width + x];
        return result;
    }
}
