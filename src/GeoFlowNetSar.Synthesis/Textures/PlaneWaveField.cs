using System.Numerics;
using GeoFlowNetSar.Core.Rasters;

namespace GeoFlowNetSar.Synthesis.Textures;

/// <summary>
/// A random complex field z(x, y) = Σₖ aₖ·exp(i(2π(uₖx + vₖy) + φₖ)) with every wavenumber |u|, |v| ≤ fmax.
/// With many waves it is circular Gaussian (so |z| is Rayleigh speckle) and it is band-limited by
/// construction, so it can be sampled at any sub-pixel shift exactly: z(x − dx, y − dy) needs no
/// interpolation. That makes it the ground truth for testing sub-pixel estimators.
/// </summary>
public sealed class PlaneWaveField
{
    private readonly double[] _u;
    private readonly double[] _v;
    private readonly Complex[] _coefficient;

    public PlaneWaveField(int waves, double maxFrequency, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(waves, 1);
        if (maxFrequency is <= 0 or > 0.5) throw new ArgumentOutOfRangeException(nameof(maxFrequency), "Use 0 < fmax ≤ 0.5 cycles/pixel.");
        var random = new Random(seed);
        _u = new double[waves];
        _v = new double[waves];
        _coefficient = new Complex[waves];
        double amplitude = 1 / Math.Sqrt(waves);
        for (int k = 0; k < waves; k++)
        {
            _u[k] = (2 * random.NextDouble() - 1) * maxFrequency;
            _v[k] = (2 * random.NextDouble() - 1) * maxFrequency;
            _coefficient[k] = Complex.FromPolarCoordinates(amplitude, 2 * Math.PI * random.NextDouble());
        }
    }

    /// <summary>Samples z(x − dx, y − dy) on the pixel grid, so a feature at p appears at p + d.</summary>
    public Complex[] Sample(int width, int height, double dx = 0, double dy = 0)
    {
        var field = new Complex[width * height];
        var columns = new Complex[width];
        for (int k = 0; k < _u.Length; k++)
        {
            // Separable: exp(i2π(u(x−dx) + v(y−dy))) = exp(i2πu(x−dx)) · exp(i2πv(y−dy)).
            for (int x = 0; x < width; x++)
                columns[x] = Complex.FromPolarCoordinates(1, 2 * Math.PI * _u[k] * (x - dx));
            for (int y = 0; y < height; y++)
            {
                var rowFactor = _coefficient[k] * Complex.FromPolarCoordinates(1, 2 * Math.PI * _v[k] * (y - dy));
                var row = field.AsSpan(y * width, width);
                for (int x = 0; x < width; x++) row[x] += rowFactor * columns[x];
            }
        }
        return field;
    }

    /// <summary>The real part plus an offset: a smooth band-limited texture (no speckle).</summary>
    public FloatImage Texture(int width, int height, double dx = 0, double dy = 0, float offset = 10f) =>
        Map(Sample(width, height, dx, dy), width, height, z => (float)z.Real + offset);

    /// <summary>|z|: single-look speckle amplitude (aliased when fmax &gt; ¼, like real SAR detection).</summary>
    public FloatImage Amplitude(int width, int height, double dx = 0, double dy = 0) =>
        Map(Sample(width, height, dx, dy), width, height, z => (float)z.Magnitude);

    private static FloatImage Map(Complex[] field, int width, int height, Func<Complex, float> map)
    {
        var image = new FloatImage(width, height);
        for (int i = 0; i < field.Length; i++) image.Pixels[i] = map(field[i]);
        return image;
    }
}
