using System.Globalization;
using GeoFlowNetSar.Synthesis.Simulation;

namespace GeoFlowNetSar.Synthesis.Tests.Simulation;

public class AzimuthSpacingDrawTests
{
    private static double Parameter(GeoFlowNetSar.Synthesis.Samples.SarPairSample s, string key) =>
        double.Parse(s.Parameters[key], CultureInfo.InvariantCulture);

    [Fact]
    public void DrawnSpacing_StaysInRange_AndLeavesEveryOtherDrawUnchanged()
    {
        var fixedSpacing = new FaultDeformSimulator(new FaultDeformOptions { ZeroDeformationFraction = 0 });
        var drawn = new FaultDeformSimulator(new FaultDeformOptions { ZeroDeformationFraction = 0, AzimuthSpacingDraw = (2.33, 13.9) });
        var spacings = new List<double>();
        for (long seed = 0; seed < 8; seed++)
        {
            var a = fixedSpacing.Generate(32, seed);
            var b = drawn.Generate(32, seed);
            double spacing = Parameter(b, "azimuth_spacing_m");
            Assert.InRange(spacing, 2.33, 13.9);
            spacings.Add(spacing);
            foreach (var key in new[] { "coherence", "incidence_deg", "heading_deg" })
                Assert.Equal(a.Parameters[key], b.Parameters[key]);
        }
        Assert.True(spacings.Distinct().Count() == spacings.Count, "each seed draws its own spacing");
    }

    [Fact]
    public void TrainingOptions_MakeAzimuthDisplacementComparableToRange()
    {
        // With Sentinel-1's fixed 13.9 m, mean |dy| is ≈ 5× below mean |dx|; training must see azimuth motion too.
        static (double Dx, double Dy) MeanAbs(FaultDeformOptions o)
        {
            var simulator = new FaultDeformSimulator(o with { ZeroDeformationFraction = 0, MaxDisplacement = (1, 1) });
            double dx = 0, dy = 0;
            for (long seed = 0; seed < 24; seed++)
            {
                var s = simulator.Generate(64, seed);
                for (int i = 0; i < s.Dx.Length; i++) { dx += Math.Abs(s.Dx[i]); dy += Math.Abs(s.Dy[i]); }
            }
            return (dx, dy);
        }
        var sentinel = MeanAbs(new FaultDeformOptions());
        var training = MeanAbs(FaultDeformOptions.Training);
        Assert.True(sentinel.Dy < 0.3 * sentinel.Dx, $"Sentinel-1 geometry: dy/dx = {sentinel.Dy / sentinel.Dx:F2}");
        Assert.True(training.Dy > 0.4 * training.Dx, $"training geometry: dy/dx = {training.Dy / training.Dx:F2}");
    }

    [Fact]
    public void TheSentinel1TrainingStage_DrawsDisplacementLikeTrainingOnValidationGeometry()
    {
        var late = FaultDeformOptions.TrainingSentinel1;
        Assert.Null(late.AzimuthSpacingDraw);
        Assert.Equal(new FaultDeformOptions().AzimuthSpacing, late.AzimuthSpacing);
        Assert.Equal(FaultDeformOptions.Training.MaxDisplacement, late.MaxDisplacement);
        var sample = new FaultDeformSimulator(late).Generate(32, 5);
        Assert.Equal(13.9, Parameter(sample, "azimuth_spacing_m"), 1e-9);
    }
}
