using System.Diagnostics;
using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Correlators.Ampcor;
using GeoFlowNetSar.Correlators.Frequency;
using GeoFlowNetSar.Correlators.Spatial;
using GeoFlowNetSar.TorchSupport;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Correlators.Tests;

/// <summary>Runs alone: its collector thread would otherwise slow every other test down.</summary>
[CollectionDefinition(nameof(GarbageCollectionStress), DisableParallelization = true)]
public sealed class GarbageCollectionStress;

/// <summary>
/// Regression test for TorchSharp 0.107's temporary-Scalar lifetime bug (see <see cref="TorchScalars"/>): a Scalar that
/// TorchSharp makes from a .NET number (<c>t * 0.5</c>, the hidden alpha of <c>a + b</c>, <c>square()</c>, …) can be
/// finalized by a garbage collection while libtorch still reads it — a "toFloat at c10/core/Scalar.h" error or a
/// silently wrong value. Each correlator runs on small batches, over and over, while another thread forces
/// collections and finalizers without pause; every run must give bit for bit what a run without that thread gave.
/// </summary>
[Collection(nameof(GarbageCollectionStress))]
public class GarbageCollectionStressTests(ITestOutputHelper output)
{
    private const int Size = 96, Window = 32, Step = 8, BatchSize = 8;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(1.5);
    private const int MinRuns = 3, MaxRuns = 400;

    static GarbageCollectionStressTests() => TorchRuntime.Configure(1);

    [Theory]
    [MemberData(nameof(Methods.AllData), MemberType = typeof(Methods))]
    public void ResultsDoNotDependOnGarbageCollections(string method)
    {
        var (pre, post) = Scene();
        var origins = TestScenes.Grid(Size, Window, Step);
        using var estimator = Create(method);
        float[] reference = Run(estimator, pre, post, origins);
        Assert.Contains(reference, float.IsFinite);

        int runs = 0;
        long collections;
        var clock = Stopwatch.StartNew();
        using (var collector = new CollectorThread())
        {
            while (runs < MaxRuns && (runs < MinRuns || clock.Elapsed < Duration))
            {
                float[] again = Run(estimator, pre, post, origins);
                runs++;
                AssertIdentical(reference, again, origins.Length, runs);
            }
            collections = collector.Collections;
        }
        output.WriteLine($"{method}: {runs} runs of {origins.Length} windows in batches of {BatchSize}, {collections} forced collections, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(collections >= runs, $"only {collections} forced collections during {runs} runs: the collector thread did not keep up");
    }

    // 2×-oversampled speckle moved by (1.37, −0.73) px (so the frequency correlator's second pass runs), with a few
    // non-finite pixels in one window and a fully non-finite corner (the window batch's non-finite paths).
    private static (FloatImage Pre, FloatImage Post) Scene()
    {
        var (pre, shifted) = TestScenes.ConstantShift(Size, TestScenes.Oversampled, seed: 71, 1.37, -0.73);
        var post = new FloatImage(Size, Size, (float[])shifted.Pixels.Clone());
        post[40, 40] = float.NaN;
        post[45, 50] = float.PositiveInfinity;
        for (int y = 0; y < 12; y++)
            for (int x = 0; x < 12; x++)
                post[x, y] = float.NaN;
        return (pre, post);
    }

    private static IWindowOffsetEstimator Create(string method) => method switch
    {
        Methods.Spatial => new SpatialCorrelator(new SpatialCorrelatorOptions(Window: Window, Step: Step, BatchSize: BatchSize)),
        Methods.Frequency => new FrequencyCorrelator(new FrequencyCorrelatorOptions(Window: Window, Step: Step, BatchSize: BatchSize)),
        Methods.FrequencyDft => new FrequencyCorrelator(new FrequencyCorrelatorOptions(Window: Window, Step: Step, BatchSize: BatchSize, SubPixel: SubPixelMethod.UpsampledDft)),
        // Deramp and Wallis on, so the pre-filters run too.
        Methods.Ampcor => new AmpcorCorrelator(new AmpcorCorrelatorOptions(Window: Window, Step: Step, SearchRadius: 6, ZoomWindow: 8, MinSnr: 2,
            Deramp: true, Wallis: true, WallisSize: 7, BatchSize: BatchSize)),
        _ => throw new ArgumentException(method),
    };

    /// <summary>Every field of every window: (dx, dy, quality), or Ampcor's seven.</summary>
    private static float[] Run(IWindowOffsetEstimator estimator, FloatImage pre, FloatImage post, WindowOrigin[] origins)
    {
        if (estimator is AmpcorCorrelator ampcor)
        {
            var detailed = new AmpcorOffset[origins.Length];
            ampcor.EstimateDetailed(pre, post, origins, detailed);
            return detailed.SelectMany(r => new[] { r.Dx, r.Dy, r.Snr, r.PeakNcc, r.CovXX, r.CovYY, r.CovXY }).ToArray();
        }
        return TestScenes.Estimate(estimator, pre, post, origins).SelectMany(r => new[] { r.Dx, r.Dy, r.Quality }).ToArray();
    }

    private static void AssertIdentical(float[] expected, float[] actual, int windows, int run)
    {
        Assert.Equal(expected.Length, actual.Length);
        int fields = expected.Length / windows;
        for (int i = 0; i < expected.Length; i++)
        {
            bool same = BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i])
                || (float.IsNaN(expected[i]) && float.IsNaN(actual[i]));
            Assert.True(same, $"run {run}, window {i / fields}, field {i % fields}: {actual[i]:R} under forced collections, {expected[i]:R} without");
        }
    }

    /// <summary>A thread that forces full collections and runs finalizers back to back until disposed.</summary>
    private sealed class CollectorThread : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _collections;

        public CollectorThread()
        {
            _thread = new Thread(Loop) { IsBackground = true, Name = "GC stress" };
            _thread.Start();
        }

        public long Collections => Interlocked.Read(ref _collections);

        private void Loop()
        {
            while (!_stop)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Interlocked.Increment(ref _collections);
            }
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }
    }
}
