using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Pipeline.Scenes;
using GeoFlowNetSar.Pipeline.Stitching;
using GeoFlowNetSar.Synthesis.Simulation;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Estimators.Tests;

/// <summary>
/// Regression guard for the weights this build ships (models/geoflownet-sar.gfnw, copied next to the binaries):
/// one small FaultDeform-SAR scene, through the shipped method's default path (flip averaging, coarse offset auto).
/// </summary>
public class ShippedWeightsTests(ITestOutputHelper output)
{
    // A validation-range seed (≥ 2⁶², never trained on) of its own, apart from the evaluate and sweep scenes.
    private const long Seed = (1L << 62) + 970_000_000;
    private const int Size = 384;

    [Fact]
    public void TheShippedWeightsLoadByDefault_AndMeasureASmallFaultSceneWithin0Point08Pixels()
    {
        Assert.True(File.Exists(ShippedModel.DefaultPath), $"no shipped weights at {ShippedModel.DefaultPath}");
        var method = EstimatorCatalog.Default.Get("unet");
        Assert.True(method.IsAvailable);

        // Native single-look amplitude, surface rupture, max |d| = 1 px, coherence 0.8: the validation kind.
        var options = new FaultDeformOptions
        {
            ZeroDeformationFraction = 0,
            Coherence = (0.8, 0.8),
            Fault = new FaultDeformOptions().Fault with { SurfaceRuptureFraction = 1 },
        };
        var scene = new FaultDeformSimulator(options).Generate(Size, Seed);
        using var estimator = EstimatorCatalog.Default.Create("unet", new EstimatorSettings(256, 128, Threads: 2, Device: "cpu"));
        var sink = new InMemoryDisplacementSink(Size, Size, ["dx", "dy"]);
        ScenePipeline.Run(new InMemoryAmplitudeSource(new FloatImage(Size, Size, scene.Pre)), new InMemoryAmplitudeSource(new FloatImage(Size, Size, scene.Post)),
            estimator, sink, new SceneOptions(new MosaicOptions()));

        var ex = sink.Band("dx").Pixels;
        var ey = sink.Band("dy").Pixels;
        double sx = 0, sy = 0;
        for (int i = 0; i < ex.Length; i++)
        {
            Assert.True(float.IsFinite(ex[i]) && float.IsFinite(ey[i]), $"no estimate at pixel {i}");
            sx += Math.Abs(ex[i] - scene.Dx[i]);
            sy += Math.Abs(ey[i] - scene.Dy[i]);
        }
        double maeDx = sx / ex.Length, maeDy = sy / ey.Length;
        output.WriteLine($"shipped U-Net on {Size}² (seed 2^62 + 970000000): MAE dx {maeDx:F4} dy {maeDy:F4} px");
        Assert.InRange(maeDx, 0, 0.08);
        Assert.InRange(maeDy, 0, 0.08);
    }
}
