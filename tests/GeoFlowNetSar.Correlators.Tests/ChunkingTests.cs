using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.TorchSupport;

namespace GeoFlowNetSar.Correlators.Tests;

/// <summary>
/// The estimator contract: a window's result depends on that window's pixels alone, so the mosaic does not depend on
/// how the scene is chunked (nor on how windows are batched). With shifts that need the re-centred pass.
/// </summary>
public class ChunkingTests
{
    static ChunkingTests() => TorchRuntime.Configure(1);

    [Theory]
    [MemberData(nameof(Methods.AllData), MemberType = typeof(Methods))]
    public void MosaicDoesNotDependOnTheChunking(string method)
    {
        var (pre, post) = TestScenes.ConstantShift(160, TestScenes.Oversampled, seed: 91, 1.7, -2.4);
        using var estimator = Methods.Create(method, 64, 16);
        var (wholeDx, wholeDy, _) = TestScenes.RunPipeline(pre, post, estimator, chunkSize: 1000);
        var (chunkedDx, chunkedDy, _) = TestScenes.RunPipeline(pre, post, estimator, chunkSize: 40);
        Assert.True(DisplacementMetrics.MaxAbsDifference(wholeDx.Pixels, chunkedDx.Pixels) <= 1e-6);
        Assert.True(DisplacementMetrics.MaxAbsDifference(wholeDy.Pixels, chunkedDy.Pixels) <= 1e-6);
        Assert.Equal(1.7, wholeDx[80, 80], 0.02);
        Assert.Equal(-2.4, wholeDy[80, 80], 0.02);
    }
}
