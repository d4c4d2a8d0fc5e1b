using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Correlators.Spatial;
using GeoFlowNetSar.TorchSupport;

namespace GeoFlowNetSar.Correlators.Tests;

public class SpatialCorrelatorTests
{
    static SpatialCorrelatorTests() => TorchRuntime.Configure(1);

    [Fact]
    public void SignFollowsTheConventionFeatureAtPInPreIsAtPPlusDInPost()
    {
        var field = TestScenes.Speckle(80, TestScenes.Oversampled, seed: 3);
        var pre = new FloatImage(64, 64);
        var post = new FloatImage(64, 64);
        // POST is PRE moved by +3 columns and −2 rows: POST(x, y) = PRE(x − 3, y + 2).
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++)
            {
                pre[x, y] = field[x + 8, y + 8];
                post[x, y] = field[x + 8 - 3, y + 8 + 2];
            }
        using var correlator = new SpatialCorrelator(new SpatialCorrelatorOptions(Window: 64, Step: 64));
        var result = TestScenes.Estimate(correlator, pre, post, [new WindowOrigin(0, 0)])[0];
        Assert.Equal(3.0, result.Dx, 0.01);
        Assert.Equal(-2.0, result.Dy, 0.01);
        Assert.True(result.Quality > 0.99, $"peak NCC {result.Quality}");
    }

    [Fact]
    public void ShiftsBeyondTheSearchRadiusGiveNaNNotAWrongPeak()
    {
        var (pre, post) = TestScenes.ConstantShift(128, TestScenes.Oversampled, seed: 8, 4.6, 0.2);
        using var correlator = new SpatialCorrelator(new SpatialCorrelatorOptions(Window: 64, Step: 32, SearchRadius: 4));
        var results = TestScenes.Estimate(correlator, pre, post, TestScenes.Grid(128, 64, 32));
        Assert.All(results, r => Assert.False(r.IsValid));
        using var wider = new SpatialCorrelator(new SpatialCorrelatorOptions(Window: 64, Step: 32, SearchRadius: 6));
        Assert.All(TestScenes.Estimate(wider, pre, post, TestScenes.Grid(128, 64, 32)), r => Assert.Equal(4.6, r.Dx, 0.02));
    }

    [Fact]
    public void OptionsAreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpatialCorrelator(new SpatialCorrelatorOptions(Window: 16, SearchRadius: 8)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpatialCorrelator(new SpatialCorrelatorOptions(Smoothing: 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpatialCorrelator(new SpatialCorrelatorOptions(Oversampling: 2)));
    }
}
