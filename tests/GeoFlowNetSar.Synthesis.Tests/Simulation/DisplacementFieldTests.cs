using GeoFlowNetSar.Synthesis.Faults;
using GeoFlowNetSar.Synthesis.Simulation;

namespace GeoFlowNetSar.Synthesis.Tests.Simulation;

public class DisplacementFieldTests
{
    private static FaultDeformOptions Fixed(double maxD, double surfaceFraction = 0.5, double zeroFraction = 0) => new()
    {
        MaxDisplacement = (maxD, maxD),
        ZeroDeformationFraction = zeroFraction,
        Fault = new RoughFaultOptions { SurfaceRuptureFraction = surfaceFraction },
    };

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.2)]
    [InlineData(7.5)]
    public void MaxAbsDisplacement_IsScaledExactly(double maxD)
    {
        var simulator = new FaultDeformSimulator(Fixed(maxD));
        for (long seed = 0; seed < 6; seed++)
        {
            var s = simulator.Generate(128, seed);
            float m = 0;
            for (int i = 0; i < s.Dx.Length; i++) m = Math.Max(m, Math.Max(Math.Abs(s.Dx[i]), Math.Abs(s.Dy[i])));
            Assert.Equal(maxD, m, maxD * 1e-6);
            Assert.Equal(maxD, double.Parse(s.Parameters["max_abs_displacement_px"], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void DefaultMaxDisplacement_IsOnePixel()
    {
        var pair = new FaultDeformSimulator(new FaultDeformOptions { ZeroDeformationFraction = 0 }).Simulate(64, 1);
        Assert.Equal(1f, pair.Displacement.MaxAbs(), 1e-6f);
    }

    [Fact]
    public void RandomMaxDisplacement_StaysInItsRange()
    {
        var simulator = new FaultDeformSimulator(FaultDeformOptions.Training with { ZeroDeformationFraction = 0 });
        var values = Enumerable.Range(0, 8).Select(i => simulator.Simulate(64, i).Displacement.MaxAbs()).ToArray();
        Assert.All(values, v => Assert.InRange(v, 0.2f * 0.999999f, 2.0f * 1.000001f));
        Assert.True(values.Max() - values.Min() > 0.2, "max |d| should vary between samples");
    }

    [Fact]
    public void SurfaceRupture_HasASharpJump_BuriedFaultDoesNot()
    {
        var surface = new FaultDeformSimulator(Fixed(1.0, surfaceFraction: 1));
        var buried = new FaultDeformSimulator(Fixed(1.0, surfaceFraction: 0));
        for (long seed = 0; seed < 8; seed++)
        {
            var s = surface.Simulate(256, seed);
            Assert.True(s.Fault!.SurfaceRupture);
            Assert.True(s.Displacement.MaxNeighbourJump() > 0.3f * s.Displacement.MaxAbs(),
                $"seed {seed}: surface rupture jump {s.Displacement.MaxNeighbourJump()} too small");

            var b = buried.Simulate(256, seed);
            Assert.False(b.Fault!.SurfaceRupture);
            Assert.True(b.Displacement.MaxNeighbourJump() < 0.3f * b.Displacement.MaxAbs(),
                $"seed {seed}: buried fault jump {b.Displacement.MaxNeighbourJump()} too large");
        }
    }

    [Fact]
    public void ZeroDeformationSamples_HaveNoDisplacement_ButDecorrelatedSpeckle()
    {
        var simulator = new FaultDeformSimulator(Fixed(1.0, zeroFraction: 1));
        for (long seed = 0; seed < 4; seed++)
        {
            var pair = simulator.Simulate(128, seed);
            Assert.Null(pair.Fault);
            Assert.All(pair.Sample.Dx, v => Assert.Equal(0f, v));
            Assert.All(pair.Sample.Dy, v => Assert.Equal(0f, v));
            Assert.Equal("true", pair.Sample.Parameters["zero_deformation"]);
            // POST differs from PRE (γ < 1), yet they stay correlated.
            double diff = 0, mean = 0;
            for (int i = 0; i < pair.Sample.Pre.Length; i++)
            {
                diff += Math.Abs(pair.Sample.Pre[i] - pair.Sample.Post[i]);
                mean += pair.Sample.Pre[i];
            }
            Assert.True(diff / mean > 0.05, "POST should not equal PRE");
            Assert.True(Correlation(pair.Sample.Pre, pair.Sample.Post) > 0.2);
        }
    }

    [Fact]
    public void ZeroDeformationFraction_IsHonoured()
    {
        var simulator = new FaultDeformSimulator(new FaultDeformOptions { ZeroDeformationFraction = 0.12 });
        int zeros = Enumerable.Range(0, 300).Count(i => simulator.Simulate(16, i).Fault is null);
        Assert.InRange(zeros, 18, 56); // 36 expected, ±3σ
    }

    private static double Correlation(float[] a, float[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.Sqrt(saa * sbb);
    }
}
