using GeoFlowNetSar.TorchSupport;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Correlators.Tests;

/// <summary>
/// Native single-look amplitude (fmax ½, aliased): where correlators peak-lock. Prints MAE per method for a constant
/// (0.37, −0.23) px shift; asserts nothing. Runs when GEOFLOWNET_BENCH is set.
/// </summary>
[Trait("Category", "Bench")]
public class SingleLookReport(ITestOutputHelper output)
{
    [Fact]
    public void PeakLockingOnSingleLookAmplitude()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GEOFLOWNET_BENCH"))) return;
        TorchRuntime.Configure(1);
        foreach (var fmax in new[] { TestScenes.Oversampled, TestScenes.SingleLook })
            foreach (var seed in new[] { 101, 102 })
            {
                var (pre, post) = TestScenes.ConstantShift(256, fmax, seed, 0.37, -0.23);
                foreach (var method in Methods.All)
                {
                    using var estimator = Methods.Create(method, 64, 16);
                    var results = TestScenes.Estimate(estimator, pre, post, TestScenes.Grid(256, 64, 16));
                    var valid = results.Where(r => r.IsValid).ToArray();
                    output.WriteLine($"fmax {fmax} seed {seed} {method,-14} valid {valid.Length}/{results.Length}: " +
                        $"MAE range {valid.Average(r => Math.Abs(r.Dx - 0.37)):F4} azimuth {valid.Average(r => Math.Abs(r.Dy + 0.23)):F4} " +
                        $"bias ({valid.Average(r => r.Dx - 0.37):+0.0000;-0.0000}, {valid.Average(r => r.Dy + 0.23):+0.0000;-0.0000}) px");
                }
            }
    }
}
