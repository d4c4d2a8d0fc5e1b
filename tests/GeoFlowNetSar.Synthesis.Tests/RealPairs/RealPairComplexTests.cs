using System.Globalization;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Raster.Tests.Support;
using GeoFlowNetSar.Synthesis.Geometry;
using GeoFlowNetSar.Synthesis.RealPairs;
using GeoFlowNetSar.Synthesis.Simulation;
using GeoFlowNetSar.Synthesis.Speckle;
using GeoFlowNetSar.Synthesis.Textures;
using GeoFlowNetSar.Synthesis.Warping;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Synthesis.Tests.RealPairs;

/// <summary>The real-pairs path on complex inputs: POST's complex field warped, then detected.</summary>
public class RealPairComplexTests(ITestOutputHelper output)
{
    private static string Uavsar(string file) => SharedData.Hdf5Subdataset(file);

    private static AlignmentResult Shift(double dx, double dy) => new(dx, dy, 1, 0, 0, 1, 10);

    private static (InMemoryComplexSource Complex, InMemoryAmplitudeSource Amplitude) Sources(PlaneWaveField field, int width, int height)
    {
        var z = field.Sample(width, height);
        var re = z.Select(v => (float)v.Real).ToArray();
        var im = z.Select(v => (float)v.Imaginary).ToArray();
        var amplitude = new FloatImage(width, height, z.Select(v => (float)v.Magnitude).ToArray());
        return (new InMemoryComplexSource(width, height, re, im, "field"), new InMemoryAmplitudeSource(amplitude, "field"));
    }

    private static double RelativeRms(float[] actual, float[] expected)
    {
        double e = 0, s = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            e += Math.Pow(actual[i] - expected[i], 2);
            s += Math.Pow(expected[i], 2);
        }
        return Math.Sqrt(e / s);
    }

    /// <summary>
    /// A band-limited speckle field (plane waves up to fmax, so its exact shift — what an FFT shift gives — is known at
    /// any position) with a sub-pixel misregistration t and, in the deformed case, a fault displacement: POST must be
    /// |z(origin + p + t)| with p + d(p) = q. The complex path must come much closer than warping |z| (measured: 0.8 % vs
    /// 40 % relative RMS within the kernel's design band, 5.7 % vs 48 % for a flat spectrum reaching 0.45 cycles/pixel,
    /// beyond that band: detected amplitude has twice the bandwidth and aliases).
    /// </summary>
    [Theory]
    [InlineData(true, 0.4, 0.015)]
    [InlineData(false, 0.4, 0.015)]
    [InlineData(true, 0.45, 0.08)]
    public void ComplexWarp_MatchesTheExactShiftsDetection_BetterThanAmplitudeWarp(bool zeroDeformation, double fmax, double maxComplexError)
    {
        const int size = 64;
        const double tx = 0.37, ty = -0.42;
        var field = new PlaneWaveField(300, fmax, 11);
        var (complex, amplitude) = Sources(field, 120, 110);
        var options = new FaultDeformOptions { ZeroDeformationFraction = zeroDeformation ? 1 : 0, MaxDisplacement = (1.5, 1.5) };
        var viaComplex = new RealPairSampler(complex, complex, Shift(tx, ty), options);
        var viaAmplitude = new RealPairSampler(amplitude, amplitude, Shift(tx, ty), options);
        Assert.True(viaComplex.WarpsComplexField);
        Assert.False(viaAmplitude.WarpsComplexField);

        var a = viaComplex.Generate(size, 5);
        var b = viaAmplitude.Generate(size, 5);
        // Native detection needs no margin of its own, so both paths draw the same patch and displacement.
        Assert.Equal((a.Parameters["patch_x"], a.Parameters["patch_y"]), (b.Parameters["patch_x"], b.Parameters["patch_y"]));
        Assert.Equal(a.Dx, b.Dx);
        Assert.Equal(zeroDeformation ? "true" : "false", a.Parameters["zero_deformation"]);
        Assert.Equal("complex", a.Parameters["input"]);
        Assert.StartsWith("complex field", a.Parameters["post_warp"]);
        Assert.Equal("amplitude", b.Parameters["input"]);
        // PRE: |z| of the same samples (float detection vs double magnitude: equal to a rounding).
        Assert.True(RelativeRms(a.Pre, b.Pre) < 1e-6);

        int x0 = int.Parse(a.Parameters["patch_x"], CultureInfo.InvariantCulture), y0 = int.Parse(a.Parameters["patch_y"], CultureInfo.InvariantCulture);
        var d = new DisplacementField(new PixelRect(0, 0, size, size), a.Dx, a.Dy);
        var exact = new float[size * size];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                var (px, py) = zeroDeformation ? (x, y) : ComplexWarper.Invert(d, x, y, 8);
                exact[y * size + x] = field.Amplitude(1, 1, -(x0 + px + tx), -(y0 + py + ty)).Pixels[0];
            }
        double complexError = RelativeRms(a.Post, exact), amplitudeError = RelativeRms(b.Post, exact);
        output.WriteLine($"fmax {fmax}, {(zeroDeformation ? "shift only" : "fault + shift")}: relative RMS error of detected POST: " +
            $"complex warp {complexError:E2}, amplitude warp {amplitudeError:E2} (ratio {complexError / amplitudeError:F3})");
        Assert.True(complexError < maxComplexError, $"complex-path error {complexError}");
        Assert.True(complexError < 0.25 * amplitudeError, $"complex {complexError} vs amplitude {amplitudeError}");
    }

    [Theory]
    [InlineData(DetectionMode.Native)]
    [InlineData(DetectionMode.Oversampled2x)]
    public void IdenticalInputs_ZeroDisplacement_IntegerAlignment_GivePostEqualToPre(DetectionMode detection)
    {
        var (complex, _) = Sources(new PlaneWaveField(200, 0.4, 2), 100, 90);
        var options = new FaultDeformOptions { ZeroDeformationFraction = 1, Detection = detection };
        var sampler = new RealPairSampler(complex, complex, Shift(0, 0), options);
        var sample = sampler.Generate(48, 9);
        Assert.Equal(sample.Pre, sample.Post);
        Assert.Equal(detection.ToString(), sample.Parameters["detection"]);
        // The detection reaches 6 px around the patch in 2x mode, so patches keep that far from PRE's edges.
        int x0 = int.Parse(sample.Parameters["patch_x"], CultureInfo.InvariantCulture);
        if (detection == DetectionMode.Oversampled2x) Assert.InRange(x0, 6, 100 - 48 - 6);
        Assert.True(sampler.MaxSize(1) < (detection == DetectionMode.Native ? 90 : 80));
        Assert.Equal(sampler.Generate(48, 9).Post, sample.Post);
    }

    /// <summary>
    /// Real UAVSAR SLCs (129 is a 200x150 crop lying at columns ≈ 100… of 138, 400x150). With the alignment rounded to
    /// whole pixels, a zero-displacement draw is POST's own |z| at the aligned window, and PRE its own |z|.
    /// </summary>
    /// <remarks>
    /// The two crops are different acquisitions without pixel-level coherence (9×9 coherence ≈ 0.12, the estimator's
    /// bias; amplitude correlation ≈ 0.03 at the aligned offset), so their sub-pixel alignment cannot be checked on
    /// patches: the next test checks it on an SLC paired with its own crop.
    /// </remarks>
    [Fact]
    public void RealSlcPair_ZeroDisplacementDraw_ReproducesTheAlignedPost()
    {
        using var pre = GdalComplexSource.Open(Uavsar(SharedData.Uavsar129));
        using var post = GdalComplexSource.Open(Uavsar(SharedData.Uavsar138));
        using var postAmplitude = GdalAmplitudeSource.Open(Uavsar(SharedData.Uavsar138));
        using var preAmplitude = GdalAmplitudeSource.Open(Uavsar(SharedData.Uavsar129));
        var alignment = RealPairSampler.Align(pre, post);
        output.WriteLine($"alignment ({alignment.Dx:F4}, {alignment.Dy:F4}), peak {alignment.Peak:F3}, significance {alignment.Significance:F1}");
        Assert.InRange(alignment.Dx, 99.5, 100.8);
        Assert.InRange(alignment.Dy, -1, 1);
        int ax = (int)Math.Round(alignment.Dx), ay = (int)Math.Round(alignment.Dy);
        var sampler = new RealPairSampler(pre, post, alignment with { Dx = ax, Dy = ay }, new FaultDeformOptions { ZeroDeformationFraction = 1 });
        const int size = 96;
        for (long seed = 1; seed <= 3; seed++)
        {
            var sample = sampler.Generate(size, seed);
            Assert.Equal("true", sample.Parameters["zero_deformation"]);
            int x0 = int.Parse(sample.Parameters["patch_x"], CultureInfo.InvariantCulture), y0 = int.Parse(sample.Parameters["patch_y"], CultureInfo.InvariantCulture);
            var expectedPost = postAmplitude.ReadImage(new PixelRect(x0 + ax, y0 + ay, size, size)).Pixels;
            var expectedPre = preAmplitude.ReadImage(new PixelRect(x0, y0, size, size)).Pixels;
            // |z| in float (the simulator's detection) vs in double (the amplitude reader): equal to a rounding.
            for (int i = 0; i < expectedPost.Length; i++)
            {
                Assert.True(Math.Abs(sample.Post[i] - expectedPost[i]) <= 2e-7 * expectedPost[i], $"POST {i}: {sample.Post[i]} vs {expectedPost[i]}");
                Assert.True(Math.Abs(sample.Pre[i] - expectedPre[i]) <= 2e-7 * expectedPre[i], $"PRE {i}: {sample.Pre[i]} vs {expectedPre[i]}");
            }
        }
    }

    /// <summary>
    /// UAVSAR 138 paired with its own crop (columns 100–299 as PRE): the measured alignment is (100, 0) to a few
    /// thousandths, and a zero-displacement draw with that (not rounded) alignment gives POST = PRE up to the
    /// interpolation of that tiny residual.
    /// </summary>
    [Fact]
    public void RealSlcAndItsOwnCrop_MeasuredAlignment_ZeroDisplacementDraw_GivesPostEqualToPre()
    {
        using var post = GdalComplexSource.Open(Uavsar(SharedData.Uavsar138));
        var crop = new PixelRect(100, 0, 200, 150);
        var re = new float[crop.Area];
        var im = new float[crop.Area];
        post.Read(crop, re, im);
        var pre = new InMemoryComplexSource(200, 150, re, im, "138 crop");
        var alignment = RealPairSampler.Align(pre, post);
        output.WriteLine($"alignment ({alignment.Dx:F5}, {alignment.Dy:F5}), peak {alignment.Peak:F3}, significance {alignment.Significance:F1}");
        Assert.True(Math.Abs(alignment.Dx - 100) < 0.01 && Math.Abs(alignment.Dy) < 0.01, $"alignment ({alignment.Dx}, {alignment.Dy})");

        var sampler = new RealPairSampler(pre, post, alignment, new FaultDeformOptions { ZeroDeformationFraction = 1 });
        var sample = sampler.Generate(96, 2);
        double error = RelativeRms(sample.Post, sample.Pre);
        output.WriteLine($"POST vs PRE: relative RMS {error:E2}");
        Assert.True(error < 0.01, $"relative RMS {error}");
        Assert.StartsWith("complex field", sample.Parameters["post_warp"]);
    }

    /// <summary>
    /// A real SLC (UAVSAR 138, central 150x150) shifted by a sub-pixel t and back by −t: exact would give the original
    /// |z| back. The complex path (warp z, detect) must lose much less than warping |z| twice (measured: 5.9–8.3 % vs
    /// 13–18 % relative RMS; the SLC keeps 2–5 % of its power beyond the kernel's 0.4 cycles/pixel design band).
    /// </summary>
    [Theory]
    [InlineData(0.5, 0.5)]
    [InlineData(0.3, -0.7)]
    public void RealSlc_ShiftedThereAndBack_ComplexBeatsAmplitude(double tx, double ty)
    {
        using var source = GdalComplexSource.Open(Uavsar(SharedData.Uavsar138));
        var region = new PixelRect(125, 0, 150, 150);
        using var z = ComplexField.Rent(region);
        source.Read(region, z.Re, z.Im);
        var amplitude = new float[region.Area];
        Detection.Detect(z, region, DetectionMode.Native, amplitude);

        const int m = 16;
        var inner = new PixelRect(region.X + m, region.Y + m, region.Width - 2 * m, region.Height - 2 * m);
        var middle = new PixelRect(region.X + m / 2, region.Y + m / 2, region.Width - m, region.Height - m);
        // There: OUT(q) = IN(q + t) over the middle; back: OUT(q) = MID(q − t) over the inner region.
        using var there = new ComplexField(middle);
        ComplexWarper.Warp(z, null, there, tx, ty);
        using var back = new ComplexField(inner);
        ComplexWarper.Warp(there, null, back, -tx, -ty);
        var complexBack = new float[inner.Area];
        Detection.Detect(back, inner, DetectionMode.Native, complexBack);

        var amplitudeThere = new float[middle.Area];
        AmplitudeWarper.Warp(amplitude, region.X, region.Y, region.Width, region.Height, null, middle.X, middle.Y, tx, ty,
            middle.Width, middle.Height, amplitudeThere);
        var amplitudeBack = new float[inner.Area];
        AmplitudeWarper.Warp(amplitudeThere, middle.X, middle.Y, middle.Width, middle.Height, null, inner.X, inner.Y, -tx, -ty,
            inner.Width, inner.Height, amplitudeBack);

        var original = new float[inner.Area];
        Detection.Detect(z, inner, DetectionMode.Native, original);
        double complexError = RelativeRms(complexBack, original), amplitudeError = RelativeRms(amplitudeBack, original);
        output.WriteLine($"t = ({tx}, {ty}) there and back on a real SLC: relative RMS error complex {complexError:E2}, amplitude {amplitudeError:E2} (ratio {complexError / amplitudeError:F3})");
        Assert.True(complexError < 0.5 * amplitudeError, $"complex {complexError} vs amplitude {amplitudeError}");
    }
}
