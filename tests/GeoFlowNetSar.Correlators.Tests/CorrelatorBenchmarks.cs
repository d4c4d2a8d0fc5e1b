using System.Diagnostics;
using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Core.Tiling;
using GeoFlowNetSar.Correlators.Ampcor;
using GeoFlowNetSar.Correlators.Frequency;
using GeoFlowNetSar.Correlators.Spatial;
using GeoFlowNetSar.Synthesis.Textures;
using GeoFlowNetSar.TorchSupport;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Correlators.Tests;

/// <summary>
/// Throughput at the paper's settings (spatial w64 s16, frequency w128 s2, Ampcor w64 s16) on 1024² speckle. Prints,
/// asserts nothing; runs only when GEOFLOWNET_BENCH is set (e.g. GEOFLOWNET_BENCH=1 or =2 for the thread count):
///   GEOFLOWNET_BENCH=1 dotnet test -c Release --filter Category=Bench --logger "console;verbosity=detailed"
/// Methods with more than <see cref="MaxWindows"/> windows per 1024² are timed on that many consecutive grid windows
/// and extrapolated.
/// </summary>
[Trait("Category", "Bench")]
public class CorrelatorBenchmarks(ITestOutputHelper output)
{
    private const int Size = 1024;
    private static readonly int MaxWindows = int.Parse(Environment.GetEnvironmentVariable("GEOFLOWNET_BENCH_WINDOWS") ?? "6000");

    [Fact]
    public void ThroughputAtPaperSettings()
    {
        var setting = Environment.GetEnvironmentVariable("GEOFLOWNET_BENCH");
        if (string.IsNullOrEmpty(setting)) return;
        int threads = int.TryParse(setting, out int t) ? t : 1;
        TorchRuntime.Configure(threads);
        var only = Environment.GetEnvironmentVariable("GEOFLOWNET_BENCH_METHOD");

        var field = new PlaneWaveField(400, 0.25, seed: 5);
        var pre = field.Amplitude(Size, Size);
        var post = field.Amplitude(Size, Size, 0.37, -0.23);
        output.WriteLine($"threads {threads}, load average {File.ReadAllText("/proc/loadavg").Trim()}");

        var cases = new (string Name, Func<IWindowOffsetEstimator> Make)[]
        {
            ("spatial w64 s16", () => new SpatialCorrelator(new SpatialCorrelatorOptions())),
            ("frequency w128 s2", () => new FrequencyCorrelator(new FrequencyCorrelatorOptions())),
            ("frequency-dft w128 s2", () => new FrequencyCorrelator(new FrequencyCorrelatorOptions(SubPixel: SubPixelMethod.UpsampledDft))),
            ("ampcor w64 s16", () => new AmpcorCorrelator(new AmpcorCorrelatorOptions())),
        };
        foreach (var (name, make) in cases)
        {
            if (only is not null && !name.StartsWith(only, StringComparison.Ordinal)) continue;
            using var estimator = make();
            var grid = new WindowGrid(Size, Size, estimator.WindowSize, estimator.Step);
            var origins = Origins(grid, (int)Math.Min(grid.Count, MaxWindows));
            var results = new WindowOffset[origins.Length];
            int batch = estimator.PreferredBatchSize;
            // Warm-up: one batch (libtorch's first calls allocate and plan).
            ((IWindowOffsetEstimator)estimator).Estimate(pre, post, origins.AsSpan(0, Math.Min(batch, origins.Length)), results);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < origins.Length; i += batch)
            {
                int count = Math.Min(batch, origins.Length - i);
                ((IWindowOffsetEstimator)estimator).Estimate(pre, post, origins.AsSpan(i, count), results.AsSpan(i, count));
            }
            double seconds = clock.Elapsed.TotalSeconds;
            double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            double rate = origins.Length / seconds;
            double perScene = grid.Count / rate;
            var valid = results.Where(r => r.IsValid).ToArray();
            double maeX = valid.Average(r => Math.Abs(r.Dx - 0.37)), maeY = valid.Average(r => Math.Abs(r.Dy + 0.23));
            output.WriteLine($"{name}: {origins.Length} of {grid.Count} windows in {seconds:F2} s = {rate:F0} windows/s → " +
                $"{perScene:F1} s per 1024² ({Size * (double)Size / 1e6 / perScene:F3} Mpx/s); valid {valid.Length}, MAE ({maeX:F4}, {maeY:F4}) px; " +
                $"CPU {cpuSeconds:F2} s ({origins.Length / cpuSeconds:F0} windows per CPU-second); load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        }
    }

    private static WindowOrigin[] Origins(WindowGrid grid, int count)
    {
        var origins = new WindowOrigin[count];
        int n = 0;
        for (int r = 0; r < grid.Rows.Count && n < count; r++)
            for (int c = 0; c < grid.Columns.Count && n < count; c++)
                origins[n++] = new WindowOrigin(grid.Columns.Origins[c], grid.Rows.Origins[r]);
        return origins;
    }
}
