using GeoFlowNetSar.Core.Metrics;

namespace GeoFlowNetSar.Core.Tests;

public class DisplacementScoreTests
{
    [Fact]
    public void PoolsSumsAcrossScenesAndSplitsNearAndFarField()
    {
        var score = new DisplacementScore();
        // Scene A: 4 pixels, the first two near the fault; dy has one NaN (not scored, not covered).
        score.Add([1f, 0f, 0.5f, 0f], [0f, 0f, float.NaN, 0.25f], [0f, 0f, 0f, 0f], [0f, 1f, 0f, 0f], [true, true, false, false]);
        // Scene B: 2 pixels, none near the fault.
        score.Add([2f, 2f], [1f, 1f], [2f, 1f], [1f, 0f], [false, false]);

        Assert.Equal((1 + 0 + 0.5 + 0 + 0 + 1) / 6.0, score.MaeDx, 12);
        Assert.Equal((0 + 1 + 0.25 + 0 + 1) / 5.0, score.MaeDy, 12);
        // Near: |1|, |0| (dx) and |0|, |1| (dy) → 2 / 4.
        Assert.Equal(0.5, score.NearFaultMae, 12);
        // Far: dx 0.5, 0, 0, 1 and dy 0.25, 0, 1 (NaN skipped) → 2.75 / 7.
        Assert.Equal(2.75 / 7, score.FarFieldMae, 12);
        Assert.Equal(5.0 / 6, score.Coverage, 12);

        var pooled = new DisplacementScore();
        pooled.Add(score);
        Assert.Equal(score.MaeDx, pooled.MaeDx);
        Assert.Equal(score.FarFieldMae, pooled.FarFieldMae);
        Assert.Equal(6, pooled.Pixels);
    }

    [Fact]
    public void NearRuptureMarksTheStepAndNothingOnAStillField()
    {
        // A 12×3 field with a 1-px step in dx between columns 5 and 6.
        var dx = new float[36];
        for (int y = 0; y < 3; y++)
            for (int x = 6; x < 12; x++) dx[y * 12 + x] = 1;
        var near = FaultProximity.NearRupture(dx, new float[36], 12, 3, radius: 2);
        // On the rupture: columns 5 and 6 (their 3×3 spans the step); within 2 px: columns 3..8.
        for (int x = 0; x < 12; x++) Assert.Equal(x is >= 3 and <= 8, near[x]);
        Assert.DoesNotContain(true, FaultProximity.NearRupture(new float[36], new float[36], 12, 3));
        Assert.Equal(Math.Sqrt(0.5 * 0.5 + 1.2 * 1.2) / 2, DisplacementMetrics.MeanMagnitude([0.5f, 0f, float.NaN], [1.2f, 0f, 3f]), 6);
    }
}
