using GeoFlowNetSar.Correlators.Surfaces;
using GeoFlowNetSar.Correlators.Windows;
using GeoFlowNetSar.TorchSupport;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Tests;

/// <summary>
/// Ampcor's NCC from native spectra against its definition: oversample both chips k× by FFT zero-padding, smooth
/// them, and correlate the template's fine footprint on the fine grid, sample by sample.
/// </summary>
public class OversampledTemplateCorrelationTests
{
    static OversampledTemplateCorrelationTests() => TorchRuntime.Configure(1);

    [Theory]
    [InlineData(16, 3, 2, 3)]
    [InlineData(16, 3, 2, 0)]
    [InlineData(15, 2, 3, 3)]
    public void EveryFineLagEqualsTheCorrelationOfTheOversampledChips(int n, int m, int k, int taps)
    {
        using var scope = NewDisposeScope();
        var generator = new Random(11);
        float[] Noise() => Enumerable.Range(0, 2 * n * n).Select(_ => (float)(generator.NextDouble() * 2 - 1)).ToArray();
        var reference = tensor(Noise(), [2, n, n]);
        var search = tensor(Noise(), [2, n, n]);
        var h = BinomialSmoothing.AxisResponse(taps, k);
        using var correlation = new OversampledTemplateCorrelation(n, m, k, h, CPU);
        var surface = correlation.Compute(reference, search);
        Assert.Equal(new long[] { 2, 2 * k * m + 1, 2 * k * m + 1 }, surface.shape);

        int t = n - 2 * m;
        for (int b = 0; b < 2; b++)
        {
            var templateChip = reference[b].narrow(0, m, t).narrow(1, m, t);
            templateChip = templateChip - templateChip.mean();
            var paddedTemplate = nn.functional.pad(templateChip.unsqueeze(0), [m, m, m, m]);
            var fineTemplate = Oversampled(paddedTemplate, n, k, h);
            var fineSearch = Oversampled(search[b].unsqueeze(0), n, k, h);
            for (int i = 0; i < 2 * k * m + 1; i++)
                for (int j = 0; j < 2 * k * m + 1; j++)
                    Assert.Equal(Ncc(fineTemplate, fineSearch, i - k * m, j - k * m, n, m, k), surface[b, i, j].item<float>(), 1e-4);
        }
    }

    // The chip smoothed by h(fy)·h(fx) and oversampled k× (split Nyquist), as a [kN, kN] array.
    private static double[,] Oversampled(Tensor chip, int n, int k, Func<double, double>? h)
    {
        var spectrum = fft.rfft2(chip);
        if (h is not null)
        {
            int columns = n / 2 + 1;
            var gain = new float[n * columns];
            for (int y = 0; y < n; y++)
                for (int x = 0; x < columns; x++)
                    gain[y * columns + x] = (float)(h((y <= n / 2 ? y : y - n) / (double)n) * h(x / (double)n));
            spectrum = spectrum * tensor(gain, [n, columns]);
        }
        var fine = SpectralOversampler.FromHalfSpectrum(spectrum, n, k)[0];
        int size = k * n;
        var values = new double[size, size];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                values[y, x] = fine[y, x].item<float>();
        return values;
    }

    // NCC at the fine lag (fy, fx): Σ T_k(q)·S_k(q + f) over the whole fine grid (circular), normalised by ‖T_k‖ and
    // by the variance of S_k over the template's fine footprint shifted by f; every sum divided by k².
    private static double Ncc(double[,] template, double[,] search, int fy, int fx, int n, int m, int k)
    {
        int size = k * n, box = k * (n - 2 * m);
        double numerator = 0, energy = 0, sum = 0, squares = 0;
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                numerator += template[y, x] * search[Wrap(y + fy, size), Wrap(x + fx, size)];
                energy += template[y, x] * template[y, x];
            }
        for (int y = 0; y < box; y++)
            for (int x = 0; x < box; x++)
            {
                double s = search[Wrap(k * m + fy + y, size), Wrap(k * m + fx + x, size)];
                sum += s;
                squares += s * s;
            }
        double area = (double)k * k, pixels = Math.Pow(n - 2 * m, 2);
        double variance = squares / area - Math.Pow(sum / area, 2) / pixels;
        return numerator / area / Math.Sqrt(energy / area * variance);
    }

    private static int Wrap(int index, int size) => ((index % size) + size) % size;
}
