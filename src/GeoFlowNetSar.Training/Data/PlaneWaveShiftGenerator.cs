using System.Globalization;
using System.Numerics;
using GeoFlowNetSar.Synthesis.Samples;
using GeoFlowNetSar.Synthesis.Textures;

namespace GeoFlowNetSar.Training.Data;

/// <summary>Parameters of the stand-in generator.</summary>
/// <param name="MaxShift">Each half-plane's shift component is uniform in [−MaxShift, MaxShift] px.</param>
/// <param name="Waves">Plane waves per speckle field (more: closer to Gaussian speckle, slower).</param>
/// <param name="MaxFrequency">Band limit of the complex field, cycles/pixel (≤ ¼: |z| is not aliased).</param>
/// <param name="StillFraction">Fraction of samples with no displacement at all (against false motion).</param>
/// <param name="UniformFraction">Fraction of samples with one shift everywhere (no fault).</param>
/// <param name="Decorrelation">Std of independent complex Gaussian noise added to PRE and POST, relative to the field's (0: identical speckle).</param>
public sealed record PlaneWaveShiftOptions(
    double MaxShift = 2.0,
    int Waves = 256,
    double MaxFrequency = 0.25,
    double StillFraction = 0.1,
    double UniformFraction = 0.2,
    double Decorrelation = 0.1);

/// <summary>
/// A stand-in <see cref="ISarPairGenerator"/> until the fault simulator lands: speckle amplitude pairs from a
/// band-limited <see cref="PlaneWaveField"/>, with a piecewise-constant displacement — two half-planes separated by a
/// random line (a "fault"), each with its own constant shift. Each side of POST is the field sampled exactly at that
/// side's shift (no interpolation) and the two are composited by the line mask evaluated at the POST pixel; the truth
/// is the shift of the side the PRE pixel is on. Deterministic in the seed.
/// </summary>
public sealed class PlaneWaveShiftGenerator : ISarPairGenerator
{
    private readonly PlaneWaveShiftOptions _options;

    public PlaneWaveShiftGenerator(PlaneWaveShiftOptions? options = null)
    {
        _options = options ?? new PlaneWaveShiftOptions();
        if (!(_options.MaxShift >= 0)) throw new ArgumentOutOfRangeException(nameof(options), "MaxShift must be ≥ 0.");
        if (_options.StillFraction < 0 || _options.UniformFraction < 0 || _options.StillFraction + _options.UniformFraction > 1)
            throw new ArgumentOutOfRangeException(nameof(options), "StillFraction and UniformFraction must be ≥ 0 and sum to ≤ 1.");
    }

    public PlaneWaveShiftOptions Options => _options;

    public SarPairSample Generate(int size, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var random = new Random(SeedMixer.ToInt32(seed));
        var field = new PlaneWaveField(_options.Waves, _options.MaxFrequency, random.Next());
        double kind = random.NextDouble();
        string type = kind < _options.StillFraction ? "still" : kind < _options.StillFraction + _options.UniformFraction ? "uniform" : "fault";
        double ax = 0, ay = 0, bx = 0, by = 0;
        if (type != "still")
        {
            ax = Shift(random);
            ay = Shift(random);
            (bx, by) = type == "fault" ? (Shift(random), Shift(random)) : (ax, ay);
        }
        // The line through a point in the central half of the patch, at a random angle; side B where (p − c)·n > 0.
        double cx = size * (0.25 + 0.5 * random.NextDouble()), cy = size * (0.25 + 0.5 * random.NextDouble());
        double angle = Math.PI * random.NextDouble();
        double nx = Math.Cos(angle), ny = Math.Sin(angle);
        bool SideB(double x, double y) => type == "fault" && (x - cx) * nx + (y - cy) * ny > 0;

        var pre = field.Sample(size, size);
        var postA = field.Sample(size, size, ax, ay);
        var postB = type == "fault" ? field.Sample(size, size, bx, by) : postA;
        int area = size * size;
        var preAmplitude = new float[area];
        var postAmplitude = new float[area];
        var dx = new float[area];
        var dy = new float[area];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                int i = y * size + x;
                bool b = SideB(x, y);
                preAmplitude[i] = (float)(pre[i] + Noise(random)).Magnitude;
                postAmplitude[i] = (float)((b ? postB[i] : postA[i]) + Noise(random)).Magnitude;
                dx[i] = (float)(b ? bx : ax);
                dy[i] = (float)(b ? by : ay);
            }

        var parameters = new Dictionary<string, string>
        {
            ["generator"] = nameof(PlaneWaveShiftGenerator),
            ["seed"] = Text(seed),
            ["size"] = Text(size),
            ["kind"] = type,
            ["shift_a"] = $"{Text(ax)},{Text(ay)}",
            ["shift_b"] = $"{Text(bx)},{Text(by)}",
            ["line_point"] = $"{Text(cx)},{Text(cy)}",
            ["line_normal"] = $"{Text(nx)},{Text(ny)}",
            ["waves"] = Text(_options.Waves),
            ["max_frequency"] = Text(_options.MaxFrequency),
            ["decorrelation"] = Text(_options.Decorrelation),
        };
        return new SarPairSample(size, preAmplitude, postAmplitude, dx, dy, parameters);
    }

    private double Shift(Random random) => (2 * random.NextDouble() - 1) * _options.MaxShift;

    // Circular complex Gaussian with E|n|² = Decorrelation² (the field's power is 1).
    private Complex Noise(Random random)
    {
        if (_options.Decorrelation <= 0) return Complex.Zero;
        double u = 1 - random.NextDouble(), v = random.NextDouble();
        double r = _options.Decorrelation * Math.Sqrt(-Math.Log(u));
        return Complex.FromPolarCoordinates(r, 2 * Math.PI * v);
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
