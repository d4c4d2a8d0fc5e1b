using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Pipeline.Scenes;
using GeoFlowNetSar.Pipeline.Stitching;

namespace GeoFlowNetSar.Pipeline.Tests;

public class ChunkingIndependenceTests
{
    private const int Width = 301, Height = 233;

    public static TheoryData<string, int, int, int> Cases => new()
    {
        { "offset", 32, 8, 50 },
        { "offset", 32, 8, 97 },
        { "offset", 48, 13, 64 },
        { "offset", 64, 16, 1000 },
        { "dense", 64, 32, 60 },
        { "dense", 64, 32, 129 },
        { "dense", 48, 24, 100 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnyChunkingGivesTheUnchunkedResult(string kind, int window, int step, int chunkSize)
    {
        var pre = TestImages.Random(Width, Height, seed: 1);
        var post = TestImages.Random(Width, Height, seed: 2);
        pre[150, 100] = float.NaN;
        var whole = Run(kind, window, step, pre, post, chunkSize: 100_000);
        var chunked = Run(kind, window, step, pre, post, chunkSize);
        foreach (var band in new[] { "dx", "dy", "sigma_dx", "sigma_dy" })
        {
            var a = whole.Band(band).Pixels;
            var b = chunked.Band(band).Pixels;
            Assert.True(DisplacementMetrics.MaxAbsDifference(a, b) <= 1e-6, $"{band}: max |diff| {DisplacementMetrics.MaxAbsDifference(a, b)}");
        }
        Assert.True(float.IsNaN(chunked.Band("dx")[150, 100]), "NaN input must give NaN output");
        Assert.True(DisplacementMetrics.Coverage(chunked.Band("dx").Pixels) > 0.95);
    }

    [Fact]
    public void CentreEstimatesAreInterpolatedLinearlyBetweenWindowCentres()
    {
        var pre = TestImages.Random(200, 150, seed: 3);
        var post = TestImages.Random(200, 150, seed: 4);
        var estimator = new StandInOffsetEstimator(32, 10);
        var sink = Run(estimator, pre, post, 64);
        var offsets = new WindowOffset[1];
        // Window centres at (x0 + 15.5): between the centres of windows 2 and 3 on both axes, at pixel (40, 40).
        double Centre(int k) => 10 * k + 15.5;
        var corners = new float[2, 2];
        for (int j = 0; j < 2; j++)
            for (int i = 0; i < 2; i++)
            {
                estimator.Estimate(pre, post, [new WindowOrigin(10 * (2 + i), 10 * (2 + j))], offsets);
                corners[i, j] = offsets[0].Dx;
            }
        double tx = (40 - Centre(2)) / 10, ty = (40 - Centre(2)) / 10;
        double expected = (1 - tx) * (1 - ty) * corners[0, 0] + tx * (1 - ty) * corners[1, 0]
            + (1 - tx) * ty * corners[0, 1] + tx * ty * corners[1, 1];
        Assert.Equal(expected, sink.Band("dx")[40, 40], 6);
    }

    [Fact]
    public void ReportCountsWindowsAndWindowsWithoutEstimate()
    {
        var zeros = new FloatImage(100, 100);
        var sink = new InMemoryDisplacementSink(100, 100, ["dx", "dy"]);
        var report = ScenePipeline.Run(new InMemoryAmplitudeSource(zeros), new InMemoryAmplitudeSource(zeros),
            new StandInOffsetEstimator(32, 16), sink, new SceneOptions(new MosaicOptions(), 40));
        Assert.Equal(36, report.Windows);
        Assert.True(report.NoEstimateAtAll);
        Assert.All(sink.Band("dx").Pixels, v => Assert.True(float.IsNaN(v)));
        Assert.True(sink.IsComplete);
    }

    [Theory]
    [InlineData("offsets")]
    [InlineData("dense")]
    public void ReportTimesTheEstimatorCallsApartFromReadingAndWriting(string kind)
    {
        var pre = TestImages.Random(96, 96, seed: 7);
        var post = TestImages.Random(96, 96, seed: 8);
        IDisplacementEstimator inner = kind == "dense" ? new StandInDenseEstimator(32, 16) : new StandInOffsetEstimator(32, 16);
        using var slow = SlowEstimator.Wrap(inner, TimeSpan.FromMilliseconds(15));
        var sink = new InMemoryDisplacementSink(96, 96, ["dx", "dy"]);
        var report = ScenePipeline.Run(new InMemoryAmplitudeSource(pre), new InMemoryAmplitudeSource(post), slow, sink,
            new SceneOptions(new MosaicOptions(), 50));
        Assert.True(slow.Calls > 1);
        Assert.InRange(report.Estimating, slow.Calls * TimeSpan.FromMilliseconds(15), report.Elapsed);
    }

    [Fact]
    public void MetresScaleEachComponentByItsPixelSpacing()
    {
        var pre = TestImages.Random(96, 96, seed: 5);
        var post = TestImages.Random(96, 96, seed: 6);
        var px = Run(new StandInDenseEstimator(32, 16), pre, post, 50);
        var m = Run(new StandInDenseEstimator(32, 16), pre, post, 50, new MosaicOptions(Uncertainty: true, ScaleDx: 2.3, ScaleDy: 13.9));
        Assert.Equal(px.Band("dx")[10, 20] * 2.3, m.Band("dx")[10, 20], 5);
        Assert.Equal(px.Band("dy")[10, 20] * 13.9, m.Band("dy")[10, 20], 4);
        Assert.Equal(px.Band("sigma_dy")[40, 40] * 13.9, m.Band("sigma_dy")[40, 40], 4);
    }

    [Fact]
    public void MismatchedSizesAndOversizedWindowsAreUserErrors()
    {
        var a = new InMemoryAmplitudeSource(new FloatImage(50, 40), "pre.tif");
        var b = new InMemoryAmplitudeSource(new FloatImage(50, 41), "post.tif");
        var sink = new InMemoryDisplacementSink(50, 40, ["dx", "dy"]);
        var size = Assert.Throws<SceneInputException>(() => ScenePipeline.Run(a, b, new StandInOffsetEstimator(16, 4), sink, new SceneOptions(new MosaicOptions())));
        Assert.Contains("post.tif", size.Message);
        var window = Assert.Throws<SceneInputException>(() => ScenePipeline.Run(a, a, new StandInOffsetEstimator(64, 4), sink, new SceneOptions(new MosaicOptions())));
        Assert.Contains("larger than", window.Message);
        Assert.False(sink.IsComplete);
    }

    private static InMemoryDisplacementSink Run(string kind, int window, int step, FloatImage pre, FloatImage post, int chunkSize) =>
        Run(kind == "dense" ? new StandInDenseEstimator(window, step) : new StandInOffsetEstimator(window, step), pre, post, chunkSize,
            new MosaicOptions(Uncertainty: true, StripRows: 17));

    private static InMemoryDisplacementSink Run(IDisplacementEstimator estimator, FloatImage pre, FloatImage post, int chunkSize, MosaicOptions? options = null)
    {
        options ??= new MosaicOptions(Uncertainty: true);
        var sink = new InMemoryDisplacementSink(pre.Width, pre.Height, options.BandNames);
        ScenePipeline.Run(new InMemoryAmplitudeSource(pre), new InMemoryAmplitudeSource(post), estimator, sink, new SceneOptions(options, chunkSize));
        Assert.True(sink.IsComplete);
        return sink;
    }
}

public class ChunkSizingTests
{
    [Theory]
    [InlineData(1024, 256, 2048)]
    [InlineData(9514, 256, 1024)]
    [InlineData(22694, 256, 512)]
    [InlineData(100_000, 512, 512)]
    public void WideScenesGetSmallerChunksToKeepTheBandWithinBudget(int width, int window, int expected) =>
        Assert.Equal(expected, ChunkSizing.ForMemoryBudget(width, window));
}
