using GeoFlowNetSar.Correlators.Ampcor;
using GeoFlowNetSar.Correlators.Surfaces;
using GeoFlowNetSar.Correlators.Windows;
using GeoFlowNetSar.TorchSupport;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Tests;

/// <summary>The shared building blocks against straightforward reference computations.</summary>
public class SurfaceTests
{
    static SurfaceTests() => TorchRuntime.Configure(1);

    [Theory]
    [InlineData(16)]
    [InlineData(15)]
    public void DftUpsamplerEqualsFftZeroPadding(int n)
    {
        // A real surface with content up to Nyquist; zero-padding its spectrum 8× (Nyquist split evenly) is the reference.
        const int factor = 8;
        using var scope = NewDisposeScope();
        var generator = new Random(3);
        var values = Enumerable.Range(0, 2 * n * n).Select(_ => (float)generator.NextDouble()).ToArray();
        var surface = tensor(values, [2, n, n]);
        var spectrum = fft.rfft2(surface);
        var reference = SpectralOversampler.Apply(surface, factor); // [2, 8n, 8n]

        using var upsampler = new DftUpsampler(n, CPU);
        var centreY = tensor(new float[] { 3f, 5f });
        var centreX = tensor(new float[] { 2f, 7f });
        const int points = 17; // ±1 sample at 1/8
        var fine = upsampler.Evaluate(spectrum, centreY, centreX, points, 1.0 / factor);
        for (int b = 0; b < 2; b++)
            for (int i = 0; i < points; i++)
                for (int j = 0; j < points; j++)
                {
                    int row = (int)(centreY[b].item<float>() * factor) + i - points / 2;
                    int column = (int)(centreX[b].item<float>() * factor) + j - points / 2;
                    Assert.Equal(reference[b, row, column].item<float>(), fine[b, i, j].item<float>(), 1e-4);
                }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(15)]
    public void DirichletZoomEqualsTheDftZoomOfThePiece(int n)
    {
        // Ampcor's zoom of a peaked piece (peak near the centre, off the grid, plus faint noise up to Nyquist): the real
        // Dirichlet-kernel tables against PeakZoom over DftUpsampler on the piece's spectrum (the former zoom).
        using var scope = NewDisposeScope();
        var generator = new Random(5);
        var values = new float[3 * n * n];
        double[] peakY = [n / 2 + 0.31, n / 2 - 0.77, n / 2 + 0.05], peakX = [n / 2 - 0.42, n / 2 + 0.93, n / 2 - 0.5];
        for (int b = 0; b < 3; b++)
            for (int row = 0; row < n; row++)
                for (int column = 0; column < n; column++)
                {
                    double r2 = Math.Pow(row - peakY[b], 2) + Math.Pow(column - peakX[b], 2);
                    values[(b * n + row) * n + column] = (float)(Math.Exp(-r2 / 6) + 0.004 * (generator.NextDouble() - 0.5));
                }
        var pieces = tensor(values, [3, n, n]);
        using var zoom = new DirichletZoom(n, radius: 1.0, coarseFactor: 8, fineFactor: 64, CPU);
        var (y, x, value, surface, _, _, spacing) = zoom.Refine(pieces);

        using var upsampler = new DftUpsampler(n, CPU);
        var spectrum = fft.rfft2(pieces);
        Tensor Zoomed(Tensor cy, Tensor cx, int points, double step) => upsampler.Evaluate(spectrum, cy, cx, points, step);
        var start = TorchScalars.Full(3, n / 2, ScalarType.Float32, CPU);
        var (refY, refX, refValue) = PeakZoom.Refine(Zoomed, start, start, radius: 1.0, coarseFactor: 8, fineFactor: 64, parabola: false);
        Assert.Equal(1.0 / 64, spacing);
        Assert.Equal(25, surface.shape[1]);
        for (int b = 0; b < 3; b++)
        {
            Assert.Equal(refY[b].item<float>(), y[b].item<float>(), 1e-5);
            Assert.Equal(refX[b].item<float>(), x[b].item<float>(), 1e-5);
            Assert.Equal(refValue[b].item<float>(), value[b].item<float>(), 1e-5);
            Assert.True(Math.Abs(y[b].item<float>() - peakY[b]) < 0.05 && Math.Abs(x[b].item<float>() - peakX[b]) < 0.05);
        }
    }

    [Fact]
    public void SpectralOversamplerKeepsTheSamplesAndInterpolatesABandLimitedSignal()
    {
        const int n = 32;
        using var scope = NewDisposeScope();
        var x = arange(n, dtype: ScalarType.Float32);
        // cos(2π·3x/n + 0.4) along columns, sin(2π·5y/n) along rows: well below Nyquist.
        var signal = ((x * (2 * Math.PI * 3 / n) + 0.4).cos().view(1, n) * (x * (2 * Math.PI * 5 / n)).sin().view(n, 1)).unsqueeze(0);
        var twice = SpectralOversampler.Apply(signal, 2);
        var half = arange(2 * n, dtype: ScalarType.Float32) / 2;
        var expected = (half * (2 * Math.PI * 3 / n) + 0.4).cos().view(1, 2 * n) * (half * (2 * Math.PI * 5 / n)).sin().view(2 * n, 1);
        Assert.True((twice[0] - expected).abs().max().item<float>() < 1e-4);
        Assert.True((twice[0, TensorIndex.Slice(0, null, 2), TensorIndex.Slice(0, null, 2)] - signal[0]).abs().max().item<float>() < 1e-4);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void TemplateCorrelationEqualsBruteForceWeightedNcc(int taper)
    {
        const int n = 24, m = 4, t = n - 2 * m;
        using var scope = NewDisposeScope();
        var generator = new Random(5);
        var a = Enumerable.Range(0, n * n).Select(_ => (float)generator.NextDouble()).ToArray();
        var s = Enumerable.Range(0, n * n).Select(_ => (float)(generator.NextDouble() * 3 + 2)).ToArray();
        using var correlation = new TemplateCorrelation(n, m, CPU, taper);
        var surface = correlation.Compute(tensor(a, [1, n, n]), tensor(s, [1, n, n]));

        var w = new double[t];
        for (int i = 0; i < t; i++)
        {
            double fromEdge = Math.Min(i + 0.5, t - i - 0.5);
            w[i] = taper == 0 || fromEdge >= taper ? 1 : Math.Pow(Math.Sin(Math.PI / 2 * fromEdge / taper), 2);
        }
        double W(int y, int x) => w[y] * w[x];
        double sw = 0, swt = 0;
        for (int y = 0; y < t; y++)
            for (int x = 0; x < t; x++) { sw += W(y, x); swt += W(y, x) * a[(y + m) * n + x + m]; }
        double meanT = swt / sw;
        for (int ly = -m; ly <= m; ly++)
            for (int lx = -m; lx <= m; lx++)
            {
                double num = 0, tt = 0, ss = 0, s1 = 0;
                for (int y = 0; y < t; y++)
                    for (int x = 0; x < t; x++)
                    {
                        double tv = a[(y + m) * n + x + m] - meanT;
                        double sv = s[(y + m + ly) * n + x + m + lx];
                        num += W(y, x) * tv * sv;
                        tt += W(y, x) * tv * tv;
                        ss += W(y, x) * sv * sv;
                        s1 += W(y, x) * sv;
                    }
                double expected = num / Math.Sqrt(tt * (ss - s1 * s1 / sw));
                Assert.Equal(expected, surface.Ncc[0, ly + m, lx + m].item<float>(), 1e-4);
            }
    }

    [Fact]
    public void PeakZoomFindsTheMaximumOfABandLimitedPeak()
    {
        // A periodic sinc² (Fejér) peak at a known sub-sample position, evaluated exactly: refine from the integer peak.
        const int n = 32;
        var truth = new[] { (3.37, -2.81), (-0.49, 0.5) };
        using var scope = NewDisposeScope();
        Tensor Surface(Tensor cy, Tensor cx, int points, double spacing)
        {
            var offsets = DftUpsampler.Offsets(points, spacing, CPU);
            var y = cy.view(-1, 1) + offsets.view(1, -1);
            var x = cx.view(-1, 1) + offsets.view(1, -1);
            var ty = tensor(truth.Select(p => (float)p.Item1).ToArray()).view(-1, 1);
            var tx = tensor(truth.Select(p => (float)p.Item2).ToArray()).view(-1, 1);
            return (Fejer(y - ty, n).unsqueeze(2) * Fejer(x - tx, n).unsqueeze(1));
        }
        var y0 = tensor(truth.Select(p => (float)Math.Round(p.Item1)).ToArray());
        var x0 = tensor(truth.Select(p => (float)Math.Round(p.Item2)).ToArray());
        var (y, x, _) = PeakZoom.Refine(Surface, y0, x0, radius: 1.0, coarseFactor: 8, fineFactor: 64, parabola: true);
        for (int b = 0; b < truth.Length; b++)
        {
            Assert.Equal(truth[b].Item1, y[b].item<float>(), 1e-3);
            Assert.Equal(truth[b].Item2, x[b].item<float>(), 1e-3);
        }
    }

    private static Tensor Fejer(Tensor d, int n)
    {
        // (sin(π d / 2) / (n sin(π d / 2n)))², 1 at d = 0; only used away from other peaks.
        var num = (d * (Math.PI / 2)).sin();
        var den = (d * (Math.PI / (2 * n))).sin() * n;
        return where(d.abs() < 1e-6, ones_like(d), num / den).square();
    }

    [Fact]
    public void PeakCovarianceMatchesTheClosedFormForAnIsotropicPeak()
    {
        // ρ = ρ0 − a·(x² + y²): dxx = dyy = 2aN, dxy = 0 ⇒ var = (1 − ρ0)/(aN) + (1 − ρ0)²/(8a²N), covariance 0.
        const double rho0 = 0.9, a = 0.1, chip = 1000;
        using var scope = NewDisposeScope();
        var samples = new float[9];
        for (int i = -1; i <= 1; i++)
            for (int j = -1; j <= 1; j++)
                samples[(i + 1) * 3 + j + 1] = (float)(rho0 - a * (i * i + j * j));
        var covariance = PeakCovariance.Estimate(tensor(samples, [1, 3, 3]), chip);
        double expected = (1 - rho0) / (a * chip) + Math.Pow(1 - rho0, 2) / (8 * a * a * chip);
        Assert.Equal(expected, covariance[0, 0].item<float>(), 1e-6);
        Assert.Equal(expected, covariance[0, 1].item<float>(), 1e-6);
        Assert.Equal(0.0, covariance[0, 2].item<float>(), 1e-9);
    }
}
