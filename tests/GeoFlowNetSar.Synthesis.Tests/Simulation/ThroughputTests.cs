using System.Diagnostics;
using GeoFlowNetSar.Synthesis.Simulation;
using GeoFlowNetSar.Synthesis.Speckle;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Synthesis.Tests.Simulation;

/// <summary>
/// Measures (never asserts) single-thread generation speed; run with -c Release for meaningful numbers. On a
/// shared machine wall time is noisy, so it reports the median and best of several batches and the rate by
/// process CPU time.
/// </summary>
public class ThroughputTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Performance")]
    public void MeasureThroughput()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        Report(configuration, "256², native detection", new FaultDeformSimulator(FaultDeformOptions.Training), 256, batches: 6, perBatch: 10);
        Report(configuration, "256², 2× oversampled detection",
            new FaultDeformSimulator(FaultDeformOptions.Training with { Detection = DetectionMode.Oversampled2x }), 256, batches: 4, perBatch: 10);
        Report(configuration, "1024², native detection", new FaultDeformSimulator(FaultDeformOptions.Training), 1024, batches: 3, perBatch: 1);
    }

    private void Report(string configuration, string label, FaultDeformSimulator simulator, int size, int batches, int perBatch)
    {
        for (int i = 0; i < 2; i++) simulator.Generate(size, -1 - i); // JIT warm-up
        var rates = new List<double>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long seed = 0;
        for (int b = 0; b < batches; b++)
        {
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < perBatch; i++) simulator.Generate(size, seed++);
            rates.Add(perBatch / watch.Elapsed.TotalSeconds);
        }
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        rates.Sort();
        double median = rates[rates.Count / 2], best = rates[^1], byCpu = seed / cpuSeconds;
        output.WriteLine($"[{configuration}, one thread] {label}: median {median:F1}/s ({1000 / median:F0} ms), best {best:F1}/s, " +
            $"by process CPU time {byCpu:F1}/s ({1000 / byCpu:F0} ms)");
    }
}
