namespace GeoFlowNetSar.Synthesis.Scenes;

/// <summary>Four RGBA panels (PRE, POST, dx, dy), each <see cref="Width"/>×<see cref="Height"/>, 4 bytes a pixel.</summary>
/// <param name="DxLimit">dx maps [−DxLimit, DxLimit] onto the colour map (the scene's max |dx|).</param>
/// <param name="DyLimit">Likewise for dy, so a small component still shows its structure.</param>
public sealed record QuickLookPanels(int Width, int Height, int Factor, byte[] Pre, byte[] Post, byte[] Dx, byte[] Dy,
    double AmplitudeLowDb, double AmplitudeHighDb, double DxLimit, double DyLimit);

/// <summary>
/// A quick-look of a scene of any size, accumulated band by band: each panel pixel is the mean of a
/// Factor×Factor block (multi-looked amplitude; mean displacement), Factor chosen so the longer side is at most
/// <c>maxSide</c>. Amplitude is shown in dB, stretched between the 1st and 99th percentiles of PRE's panel (POST
/// uses PRE's stretch); dx and dy each with a diverging blue–white–red map over its own symmetric range ±max |component|
/// (of the full-resolution values), so white is always zero.
/// </summary>
public sealed class SceneQuickLook
{
    private readonly double[][] _sums;
    private readonly int[] _counts;

    public SceneQuickLook(int sceneWidth, int sceneHeight, int maxSide = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sceneWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sceneHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 16);
        SceneWidth = sceneWidth;
        SceneHeight = sceneHeight;
        Factor = Math.Max(1, (Math.Max(sceneWidth, sceneHeight) + maxSide - 1) / maxSide);
        Width = (sceneWidth + Factor - 1) / Factor;
        Height = (sceneHeight + Factor - 1) / Factor;
        _sums = [new double[Width * Height], new double[Width * Height], new double[Width * Height], new double[Width * Height]];
        _counts = new int[Width * Height];
    }

    /// <summary>max |dx| and max |dy| over the full-resolution values added so far.</summary>
    public double MaxAbsDx { get; private set; }
    public double MaxAbsDy { get; private set; }

    public int SceneWidth { get; }
    public int SceneHeight { get; }

    /// <summary>Scene pixels per panel pixel along each axis.</summary>
    public int Factor { get; }
    public int Width { get; }
    public int Height { get; }

    /// <summary>Adds a band (bands may come in any order, each row once). Not thread-safe.</summary>
    public void Add(SceneBand band)
    {
        if (band.Width != SceneWidth) throw new ArgumentException($"The band is {band.Width} wide, the scene {SceneWidth}.", nameof(band));
        for (int r = 0; r < band.Rows; r++)
        {
            int gy = (band.Row0 + r) / Factor, o = r * band.Width;
            for (int x = 0; x < band.Width; x++)
            {
                int g = gy * Width + x / Factor;
                float pre = band.Pre[o + x], post = band.Post[o + x], dx = band.Dx[o + x], dy = band.Dy[o + x];
                if (!(float.IsFinite(pre) && float.IsFinite(post) && float.IsFinite(dx) && float.IsFinite(dy))) continue;
                _sums[0][g] += pre;
                _sums[1][g] += post;
                _sums[2][g] += dx;
                _sums[3][g] += dy;
                _counts[g]++;
                if (Math.Abs(dx) > MaxAbsDx) MaxAbsDx = Math.Abs(dx);
                if (Math.Abs(dy) > MaxAbsDy) MaxAbsDy = Math.Abs(dy);
            }
        }
    }

    /// <summary>The panels; each displacement component spans ±its max |value| (±1 px when it is zero everywhere).</summary>
    public QuickLookPanels Render()
    {
        int n = Width * Height;
        var mean = new float[4][];
        for (int layer = 0; layer < 4; layer++)
        {
            mean[layer] = new float[n];
            for (int i = 0; i < n; i++) mean[layer][i] = _counts[i] > 0 ? (float)(_sums[layer][i] / _counts[i]) : float.NaN;
        }
        var preDb = Array.ConvertAll(mean[0], Db);
        var finite = preDb.Where(float.IsFinite).ToArray();
        Array.Sort(finite);
        double lo = finite.Length > 0 ? finite[(int)(0.01 * (finite.Length - 1))] : 0;
        double hi = finite.Length > 0 ? finite[(int)(0.99 * (finite.Length - 1))] : 1;
        if (!(hi > lo)) hi = lo + 1;
        double dxLimit = MaxAbsDx > 0 ? MaxAbsDx : 1, dyLimit = MaxAbsDy > 0 ? MaxAbsDy : 1;
        return new QuickLookPanels(Width, Height, Factor,
            Gray(preDb, lo, hi), Gray(Array.ConvertAll(mean[1], Db), lo, hi),
            Diverging(mean[2], dxLimit), Diverging(mean[3], dyLimit), lo, hi, dxLimit, dyLimit);
    }

    /// <summary>
    /// Blue–white–red (ColorBrewer RdBu, negative blue): v/limit in [−1, 1] → RGB; NaN → black.
    /// </summary>
    public static (byte R, byte G, byte B) DivergingColour(double value, double limit)
    {
        if (!double.IsFinite(value)) return (0, 0, 0);
        double t = Math.Clamp((value / limit + 1) / 2, 0, 1) * (RdBu.Length - 1);
        int i = Math.Min((int)t, RdBu.Length - 2);
        double f = t - i;
        var (a, b) = (RdBu[i], RdBu[i + 1]);
        return (Lerp(a >> 16, b >> 16, f), Lerp((a >> 8) & 0xFF, (b >> 8) & 0xFF, f), Lerp(a & 0xFF, b & 0xFF, f));

        static byte Lerp(int x, int y, double f) => (byte)Math.Round(x + (y - x) * f);
    }

    // ColorBrewer RdBu (11 classes), from blue (−) through white to red (+).
    private static readonly int[] RdBu =
        [0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F];

    private static float Db(float a) => float.IsFinite(a) ? 20 * MathF.Log10(MathF.Max(a, 1e-6f)) : float.NaN;

    private static byte[] Gray(float[] db, double lo, double hi)
    {
        var rgba = new byte[db.Length * 4];
        for (int i = 0; i < db.Length; i++)
        {
            byte v = float.IsFinite(db[i]) ? (byte)Math.Clamp((int)Math.Round((db[i] - lo) / (hi - lo) * 255), 0, 255) : (byte)0;
            rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = v;
            rgba[4 * i + 3] = 255;
        }
        return rgba;
    }

    private static byte[] Diverging(float[] values, double limit)
    {
        var rgba = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            var (r, g, b) = DivergingColour(values[i], limit);
            rgba[4 * i] = r;
            rgba[4 * i + 1] = g;
            rgba[4 * i + 2] = b;
            rgba[4 * i + 3] = 255;
        }
        return rgba;
    }
}
