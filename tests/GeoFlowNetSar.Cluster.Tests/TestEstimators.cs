using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Core.Tiling;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Model.Inference;
using GeoFlowNetSar.Model.Network;
using GeoFlowNetSar.Model.Weights;
using TorchSharp;

namespace GeoFlowNetSar.Cluster.Tests;

/// <summary>Methods the test clusters add to the catalog: deterministic, cheap, and some deliberately slow or flaky.</summary>
internal static class TestEstimators
{
    public const string Slow = "slow-test";
    public const string Flaky = "flaky-test";
    public const string Dense = "dense-test";
    public const string SlowFrequency = "slow-frequency-test";
    public const string RandomUNet = "unet-random-test";

    /// <summary>Estimate calls the flaky method still fails (shared by every silo of the process).</summary>
    public static int FlakyFailuresLeft;

    /// <summary>
    /// The test methods; <see cref="SlowFrequency"/> (the real frequency correlator, 25 ms slower per window) counts the
    /// windows it estimates in <paramref name="counter"/>, so tests can tell computed tiles from reused ones.
    /// </summary>
    public static EstimatorCatalog Catalog(bool withGpuMethod, WindowCounter? counter = null)
    {
        counter ??= new WindowCounter();
        var catalog = EstimatorCatalog.Default
            .With(new EstimatorMethod(SlowFrequency, SiloRoles.Cpu, EstimateFootprint.CentreInterpolated, 64, 16, "frequency, 25 ms slower a window",
                s => new CountingDelayedEstimator(
                    (IWindowOffsetEstimator)EstimatorCatalog.Default.Create("frequency", s), TimeSpan.FromMilliseconds(25), counter)))
            .With(new EstimatorMethod(Slow, SiloRoles.Cpu, EstimateFootprint.CentreInterpolated, 32, 16, "sleeps 40 ms a window",
                s => new ConstantOffsetEstimator(Slow, s.Window, s.Step, TimeSpan.FromMilliseconds(40))))
            .With(new EstimatorMethod(Flaky, SiloRoles.Cpu, EstimateFootprint.CentreInterpolated, 32, 16, "fails its first calls",
                s => new ConstantOffsetEstimator(Flaky, s.Window, s.Step, TimeSpan.Zero, failFirst: true)));
        return withGpuMethod
            ? catalog.With(new EstimatorMethod(Dense, SiloRoles.Gpu, EstimateFootprint.DenseWindow, 64, 32, "dense stand-in for the U-Net",
                    s => new ConstantDenseEstimator(s.Window, s.Step), ModelHash: "test-weights-1"))
                .With(new EstimatorMethod(RandomUNet, SiloRoles.Gpu, EstimateFootprint.DenseWindow, 32, 16, "a quarter-width U-Net, random weights",
                    s => RandomUNetWeights.Load(s.Window, s.Step), ModelHash: RandomUNetWeights.Hash))
            : catalog;
    }
}

internal sealed class ConstantOffsetEstimator(string method, int window, int step, TimeSpan delay, bool failFirst = false) : IWindowOffsetEstimator
{
    public string Method => method;
    public int WindowSize => window;
    public int Step => step;
    public EstimateFootprint Footprint => EstimateFootprint.CentreInterpolated;
    public int PreferredBatchSize => 1;

    public void Estimate(FloatImage pre, FloatImage post, ReadOnlySpan<WindowOrigin> origins, Span<WindowOffset> results)
    {
        if (failFirst && Interlocked.Decrement(ref TestEstimators.FlakyFailuresLeft) >= 0)
            throw new InvalidOperationException("simulated estimator failure");
        if (delay > TimeSpan.Zero) Thread.Sleep(delay);
        for (int i = 0; i < origins.Length; i++) results[i] = new WindowOffset(0.25f, -0.5f, 1f);
    }

    public void Dispose()
    {
    }
}

/// <summary>
/// A quarter-width GeoFlowNet U-Net with random weights (seed 11; no trained weights are needed to test batching),
/// saved once to a weights file so that every silo and the reference load the very same numbers.
/// </summary>
internal static class RandomUNetWeights
{
    private static readonly Lazy<(string Path, string Hash)> File = new(() =>
    {
        string path = System.IO.Path.Combine(Directory.CreateTempSubdirectory("geoflownet-random-unet-").FullName, "random" + ModelWeights.FileExtension);
        torch.manual_seed(11);
        using var model = new GeoFlowNetUNet(new UNetArchitecture(0.25));
        return (path, ModelWeights.Save(model, path).PayloadSha256);
    });

    public static string Path => File.Value.Path;

    public static string Hash => File.Value.Hash;

    /// <summary>Forward passes of up to 8 windows.</summary>
    public static UNetEstimator Load(int window, int step) => UNetEstimator.Load(Path, new UNetEstimatorOptions(window, step, BatchSize: 8));
}

/// <summary>Windows estimated, summed over every estimator that shares it (thread-safe).</summary>
public sealed class WindowCounter
{
    private long _windows;

    public long Windows => Interlocked.Read(ref _windows);

    public void Add(int windows) => Interlocked.Add(ref _windows, windows);
}

/// <summary>A real correlator made slower (so a test can interrupt a scene mid-run) that counts what it estimates.</summary>
internal sealed class CountingDelayedEstimator(IWindowOffsetEstimator inner, TimeSpan delayPerWindow, WindowCounter counter) : IWindowOffsetEstimator
{
    public string Method => inner.Method;
    public int WindowSize => inner.WindowSize;
    public int Step => inner.Step;
    public EstimateFootprint Footprint => inner.Footprint;
    public int PreferredBatchSize => 4;

    public void Estimate(FloatImage pre, FloatImage post, ReadOnlySpan<WindowOrigin> origins, Span<WindowOffset> results)
    {
        Thread.Sleep(delayPerWindow * origins.Length);
        inner.Estimate(pre, post, origins, results);
        counter.Add(origins.Length);
    }

    public void Dispose() => inner.Dispose();
}

internal sealed class ConstantDenseEstimator(int window, int step) : IDenseWindowEstimator
{
    public string Method => TestEstimators.Dense;
    public int WindowSize => window;
    public int Step => step;
    public EstimateFootprint Footprint => EstimateFootprint.DenseWindow;
    public int PreferredBatchSize => 4;

    public void Estimate(FloatImage pre, FloatImage post, ReadOnlySpan<WindowOrigin> origins, Span<float> dx, Span<float> dy)
    {
        dx[..(origins.Length * window * window)].Fill(0.125f);
        dy[..(origins.Length * window * window)].Fill(-0.75f);
    }

    public void Dispose()
    {
    }
}
