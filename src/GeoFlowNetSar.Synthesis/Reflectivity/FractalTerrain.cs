using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Speckle;

namespace GeoFlowNetSar.Synthesis.Reflectivity;

/// <summary>
/// Fractal (1/f^β) log-reflectivity texture: Σₖ 2^(−kH)·noiseₖ with ground wavelengths λₖ = λ₀·2^(−k), i.e. a
/// power spectrum ∝ f^−(2H+2) in 2-D. Wavelengths are in metres on the ground, converted to cells per axis
/// with the pixel spacings (so structures are isotropic on the ground, elongated in range on the image), and
/// octaves stop at 2 pixels (finer detail is removed by the impulse response anyway).
/// </summary>
public sealed record FractalTerrain(ulong Key, double BaseWavelength, double Hurst)
{
    /// <summary>dest += amplitude · terrain (≈ unit std before the amplitude) over <paramref name="region"/>.</summary>
    public void Add(PixelRect region, double columnSpacing, double rowSpacing, float amplitude, Span<float> dest)
    {
        double finest = 2 * Math.Min(columnSpacing, rowSpacing);
        double sumSq = 0;
        int octaves = 0;
        for (double lambda = BaseWavelength; lambda >= finest && octaves < 16; lambda /= 2, octaves++)
            sumSq += Math.Pow(2, -2 * Hurst * octaves);
        if (octaves == 0) return;
        float norm = (float)(amplitude / (Math.Sqrt(sumSq) * ValueNoise.OctaveStd));
        double wavelength = BaseWavelength;
        for (int k = 0; k < octaves; k++, wavelength /= 2)
        {
            double cellX = Math.Max(2, wavelength / columnSpacing), cellY = Math.Max(2, wavelength / rowSpacing);
            ValueNoise.AddOctave(PixelHash.Derive(Key, k), cellX, cellY, norm * (float)Math.Pow(2, -Hurst * k), region, dest);
        }
    }
}
