using System.Numerics;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Geometry;
using GeoFlowNetSar.Synthesis.Reflectivity;
using GeoFlowNetSar.Synthesis.Simulation;
using GeoFlowNetSar.Synthesis.Speckle;
using GeoFlowNetSar.Synthesis.Textures;
using GeoFlowNetSar.Synthesis.Warping;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Synthesis.Tests.Warping;

public class WarpTests(ITestOutputHelper output)
{
    private const int Size = 128, Margin = 12, Big = Size + 2 * Margin;
    private static readonly PixelRect Target = new(0, 0, Size, Size);

    private static DisplacementField Constant(double dx, double dy)
    {
        var d = new DisplacementField(Target);
        Array.Fill(d.Dx, (float)dx);
        Array.Fill(d.Dy, (float)dy);
        return d;
    }

    /// <summary>Field sampled on [−M, Size + M)², shifted by (dx, dy), cropped to the target: z(q + M − d).</summary>
    private static Complex[] Crop(Complex[] big)
    {
        var result = new Complex[Size * Size];
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++) result[y * Size + x] = big[(y + Margin) * Big + x + Margin];
        return result;
    }

    /// <summary>
    /// Flat spectrum up to fmax in both axes (harsher than speckle, whose Hamming-weighted spectrum is weak near
    /// the band edge). The effective shift error must stay ≤ 0.01 px (it is ≈ 1e-4); the ≈ 1 % RMS error left is
    /// the 12-tap kernel's amplitude ripple, a tiny extra decorrelation rather than a shift.
    /// </summary>
    [Theory]
    [InlineData(0.37, -0.81, 0.4, 0.02)]
    [InlineData(0.5, 0.5, 0.4, 0.02)]
    [InlineData(1.5, 0.25, 0.4, 0.02)]
    [InlineData(-2.73, 3.1, 0.4, 0.02)]
    [InlineData(0.5, 0.5, 0.3, 0.015)]
    [InlineData(-0.27, 1.61, 0.3, 0.015)]
    public void WarpOfBandLimitedField_MatchesExactShift(double dx, double dy, double fmax, double maxRelativeRms)
    {
        var field = new PlaneWaveField(waves: 300, maxFrequency: fmax, seed: 3);
        var source = ComplexField.FromComplex(field.Sample(Big, Big), new PixelRect(-Margin, -Margin, Big, Big));
        var warped = new ComplexField(Target);
        ComplexWarper.Warp(source, Constant(dx, dy), warped);

        var w = warped.ToComplex();
        var exact = Crop(field.Sample(Big, Big, dx, dy));
        const double eps = 1e-3;
        var gx = Crop(field.Sample(Big, Big, dx + eps, dy)).Zip(Crop(field.Sample(Big, Big, dx - eps, dy)), (a, b) => (a - b) / (2 * eps)).ToArray();
        var gy = Crop(field.Sample(Big, Big, dx, dy + eps)).Zip(Crop(field.Sample(Big, Big, dx, dy - eps)), (a, b) => (a - b) / (2 * eps)).ToArray();

        // Residual r = warped − exact, fitted as δx·∂z/∂dx + δy·∂z/∂dy (real least squares): the effective shift error.
        double err = 0, power = 0, axx = 0, axy = 0, ayy = 0, bx = 0, by = 0;
        for (int i = 0; i < w.Length; i++)
        {
            var r = w[i] - exact[i];
            err += r.Real * r.Real + r.Imaginary * r.Imaginary;
            power += exact[i].Real * exact[i].Real + exact[i].Imaginary * exact[i].Imaginary;
            axx += Dot(gx[i], gx[i]);
            axy += Dot(gx[i], gy[i]);
            ayy += Dot(gy[i], gy[i]);
            bx += Dot(gx[i], r);
            by += Dot(gy[i], r);
        }
        double det = axx * ayy - axy * axy;
        double shiftX = (ayy * bx - axy * by) / det, shiftY = (axx * by - axy * bx) / det;
        double relativeRms = Math.Sqrt(err / power);
        output.WriteLine($"fmax {fmax}, d = ({dx}, {dy}): relative RMS error {relativeRms:E2}, effective shift error ({shiftX:E2}, {shiftY:E2}) px");
        Assert.True(relativeRms < maxRelativeRms, $"relative RMS {relativeRms}");
        Assert.True(Math.Abs(shiftX) <= 0.01 && Math.Abs(shiftY) <= 0.01, $"shift error ({shiftX}, {shiftY})");
    }

    private static double Dot(Complex a, Complex b) => a.Real * b.Real + a.Imaginary * b.Imaginary;

    [Fact]
    public void ZeroAndIntegerDisplacements_AreExactCopies()
    {
        var field = new PlaneWaveField(waves: 50, maxFrequency: 0.4, seed: 9);
        var source = ComplexField.FromComplex(field.Sample(Big, Big), new PixelRect(-Margin, -Margin, Big, Big));
        foreach (var (dx, dy) in new[] { (0, 0), (2, -3) })
        {
            var warped = new ComplexField(Target);
            ComplexWarper.Warp(source, Constant(dx, dy), warped);
            for (int y = 0; y < Size; y += 7)
                for (int x = 0; x < Size; x += 5)
                    Assert.Equal(source[x - dx, y - dy], warped[x, y]);
        }
    }

    [Fact]
    public void BrightPointInPre_AppearsAtPPlusDInPost()
    {
        const int size = 96;
        var filter = new BandLimitFilter(0.8, 0.7);
        var fieldRegion = new PixelRect(-10, -10, size + 20, size + 20);
        int r = filter.Radius;
        var white = new PixelRect(fieldRegion.X - r, fieldRegion.Y - r, fieldRegion.Width + 2 * r, fieldRegion.Height + 2 * r);
        var sigma = Enumerable.Repeat(1e-4f, (int)white.Area).ToArray();
        var point = new PointScatterer(40, 50, 1000f, 0.3f);
        using var pre = ComplexField.Rent(fieldRegion);
        using var post = ComplexField.Rent(fieldRegion);
        SpecklePairSynthesizer.Render(fieldRegion, sigma, default, [point], 0.9, 1, filter, pre, post);

        var region = new PixelRect(0, 0, size, size);
        var warped = new ComplexField(region);
        const double dx = 2.4, dy = -1.6;
        var d = new DisplacementField(region);
        Array.Fill(d.Dx, (float)dx);
        Array.Fill(d.Dy, (float)dy);
        ComplexWarper.Warp(post, d, warped);

        // Peaks of the continuous (band-limited) intensity, found by interpolating the complex fields: sampled
        // peaks of a sinc-like response are biased towards integers, the continuous one is not.
        var (px, py) = ContinuousPeak(pre, point.X, point.Y);
        var (qx, qy) = ContinuousPeak(warped, point.X + 2, point.Y - 2);
        output.WriteLine($"PRE peak ({px:F4}, {py:F4}), POST peak ({qx:F4}, {qy:F4}), d = ({dx}, {dy})");
        Assert.Equal(point.X, px, 0.005);
        Assert.Equal(point.Y, py, 0.005);
        Assert.Equal(px + dx, qx, 0.01);
        Assert.Equal(py + dy, qy, 0.01);
    }

    /// <summary>
    /// Peak of the interpolated |z|²: grid search (0.05 px) within ±1.5 px of a guess, then on each axis a
    /// least-squares parabola through 13 samples over ±0.3 px. The fit, not the grid maximum, because the top of
    /// a point response is so flat that interpolation ripple of 1e-4 would move a raw maximum by ~0.01 px.
    /// </summary>
    private static (double X, double Y) ContinuousPeak(ComplexField field, double x0, double y0)
    {
        double Intensity(double x, double y)
        {
            var (re, im) = ComplexWarper.Sample(field, x, y);
            return (double)re * re + (double)im * im;
        }
        double bx = x0, by = y0, best = -1;
        for (double y = y0 - 1.5; y <= y0 + 1.5 + 1e-9; y += 0.05)
            for (double x = x0 - 1.5; x <= x0 + 1.5 + 1e-9; x += 0.05)
            {
                double p = Intensity(x, y);
                if (p > best) (best, bx, by) = (p, x, y);
            }
        for (int pass = 0; pass < 2; pass++)
        {
            bx = ParabolaVertex(t => Intensity(bx + t, by)) + bx;
            by = ParabolaVertex(t => Intensity(bx, by + t)) + by;
        }
        return (bx, by);
    }

    /// <summary>Vertex of the least-squares parabola through f(t), t = −0.3 … 0.3 in steps of 0.05.</summary>
    private static double ParabolaVertex(Func<double, double> f)
    {
        // Symmetric samples: the LS fit of a + b·t + c·t² decouples b = Σtf/Σt²; c from the even part.
        double st2 = 0, st4 = 0, sf = 0, stf = 0, st2f = 0;
        int n = 0;
        for (int k = -6; k <= 6; k++, n++)
        {
            double t = 0.05 * k, v = f(t);
            st2 += t * t;
            st4 += t * t * t * t;
            sf += v;
            stf += t * v;
            st2f += t * t * v;
        }
        double b = stf / st2;
        double c = (n * st2f - st2 * sf) / (n * st4 - st2 * st2);
        return -b / (2 * c);
    }

    [Fact]
    public void Simulator_PostMatchesPreAtPPlusD_NotAtPMinusD()
    {
        var simulator = new FaultDeformSimulator(new FaultDeformOptions
        {
            MaxDisplacement = (3, 3), ZeroDeformationFraction = 0, ChangeProbability = 0, Coherence = (0.9, 0.9),
        });
        var pair = simulator.Simulate(128, 4, keepComplex: true);
        var d = pair.Displacement;
        var pre = pair.ComplexPre!;
        var post = pair.ComplexPost!;
        Complex plus = 0, minus = 0;
        double pp = 0, qp = 0, qm = 0;
        int used = 0;
        for (int y = 12; y < 116; y++)
            for (int x = 12; x < 116; x++)
            {
                int i = y * 128 + x;
                // Only where p + d and p − d are well apart (≥ 2 px), so the wrong sign decorrelates.
                if (Math.Max(Math.Abs(d.Dx[i]), Math.Abs(d.Dy[i])) < 1) continue;
                used++;
                var z = pre[x, y];
                var (ar, ai) = ComplexWarper.Sample(post, x + d.Dx[i], y + d.Dy[i]);
                var (br, bi) = ComplexWarper.Sample(post, x - d.Dx[i], y - d.Dy[i]);
                var a = new Complex(ar, ai);
                var b = new Complex(br, bi);
                plus += z * Complex.Conjugate(a);
                minus += z * Complex.Conjugate(b);
                pp += z.Magnitude * z.Magnitude;
                qp += a.Magnitude * a.Magnitude;
                qm += b.Magnitude * b.Magnitude;
            }
        double gPlus = plus.Magnitude / Math.Sqrt(pp * qp), gMinus = minus.Magnitude / Math.Sqrt(pp * qm);
        output.WriteLine($"{used} pixels: coherence PRE(p)·POST(p + d): {gPlus:F3}; PRE(p)·POST(p − d): {gMinus:F3}; γ = {pair.Coherence}");
        Assert.True(used > 500, $"only {used} pixels with |d| ≥ 1");
        Assert.True(gPlus > 0.85, $"POST(p + d) should match PRE(p): {gPlus}");
        Assert.True(gMinus < 0.5, $"POST(p − d) should not: {gMinus}");
    }
}
