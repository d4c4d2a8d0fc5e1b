using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Correlators.Frequency;
using GeoFlowNetSar.Synthesis.Simulation;
using GeoFlowNetSar.TorchSupport;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Correlators.Tests;

/// <summary>
/// Which parts of the COSI-Corr frequency correlator help on FaultDeform-SAR scenes (native single-look amplitude,
/// coherence 0.6–0.95, max |d| = 1 px) at the peer comparison's window 64 / step 8: apodisation, spectral weighting,
/// frequency mask, robust re-weighting, sub-pixel method. Prints MAE dx / dy per variant and per scene coherence;
/// asserts nothing. Runs when GEOFLOWNET_BENCH is set (≈ 2 min on one thread).
/// </summary>
[Trait("Category", "Bench")]
public class FrequencyAblationReport(ITestOutputHelper output)
{
    private static readonly (string Name, FrequencyCorrelatorOptions Options)[] Variants =
    [
        ("default", new()),
        ("taper 0.25", new() { TaperFraction = 0.25 }),
        ("taper 1", new() { TaperFraction = 1 }),
        ("spectral weight 0", new() { SpectralWeighting = 0 }),
        ("spectral weight 2", new() { SpectralWeighting = 2 }),
        ("mask m 0.5", new() { MaskThreshold = 0.5 }),
        ("mask m 1.5", new() { MaskThreshold = 1.5 }),
        ("no robust", new() { RobustIterations = 0 }),
        ("upsampled DFT", new() { SubPixel = SubPixelMethod.UpsampledDft }),
        ("plain PCC-like", new() { TaperFraction = 0, SpectralWeighting = 0, MaskThreshold = 2, RobustIterations = 0, SubPixel = SubPixelMethod.UpsampledDft }),
    ];

    [Fact]
    public void FrequencyCorrelatorAblationOnFaultScenes()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GEOFLOWNET_BENCH"))) return;
        TorchRuntime.Configure(1);
        int size = int.Parse(Environment.GetEnvironmentVariable("GEOFLOWNET_BENCH_SIZE") ?? "512");
        int count = int.Parse(Environment.GetEnvironmentVariable("GEOFLOWNET_BENCH_SCENES") ?? "6");
        var simulator = new FaultDeformSimulator();
        var scenes = Enumerable.Range(0, count).Select(i => simulator.Generate(size, (1L << 62) + 900_000_200 + i)).ToArray();
        foreach (var (name, options) in Variants)
        {
            using var estimator = new FrequencyCorrelator(options with { Window = 64, Step = 8 });
            double sx = 0, sy = 0, n = 0;
            var perScene = new List<string>();
            foreach (var scene in scenes)
            {
                var (dx, dy, _) = TestScenes.RunPipeline(new FloatImage(size, size, scene.Pre), new FloatImage(size, size, scene.Post), estimator);
                double ex = 0, ey = 0;
                int m = 0;
                for (int k = 0; k < dx.Pixels.Length; k++)
                {
                    if (!float.IsFinite(dx.Pixels[k]) || !float.IsFinite(dy.Pixels[k])) continue;
                    ex += Math.Abs(dx.Pixels[k] - scene.Dx[k]);
                    ey += Math.Abs(dy.Pixels[k] - scene.Dy[k]);
                    m++;
                }
                sx += ex; sy += ey; n += m;
                perScene.Add($"{double.Parse(scene.Parameters["coherence"], System.Globalization.CultureInfo.InvariantCulture):F2}: {ex / m:F4}/{ey / m:F4}");
            }
            // Peak-locking check: a constant (0.37, −0.23) px shift of native single-look and of 2×-oversampled speckle.
            var locking = new List<string>();
            foreach (var fmax in new[] { TestScenes.SingleLook, TestScenes.Oversampled })
            {
                var (pre, post) = TestScenes.ConstantShift(256, fmax, 101, 0.37, -0.23);
                var valid = TestScenes.Estimate(estimator, pre, post, TestScenes.Grid(256, 64, 16)).Where(r => r.IsValid).ToArray();
                locking.Add($"{(fmax == TestScenes.SingleLook ? "single-look" : "2x")} {valid.Average(r => Math.Abs(r.Dx - 0.37)):F4}/{valid.Average(r => Math.Abs(r.Dy + 0.23)):F4}");
            }
            output.WriteLine($"{name,-18} MAE dx {sx / n:F4} dy {sy / n:F4} | constant shift {string.Join(", ", locking)} | per scene (coherence: dx/dy) {string.Join("  ", perScene)}");
        }
    }
}
