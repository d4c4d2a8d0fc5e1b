using GeoFlowNetSar.Synthesis.Dislocation;

namespace GeoFlowNetSar.Synthesis.Tests;

public class BatchEvaluationTests
{
    private static readonly FaultPatch Patch = new(0, 0, 200, strikeDegrees: 20, dipDegrees: 50, 5_000, 3_000, rakeDegrees: 120, slip: 0.8, opening: 0.1);

    private static (double[] E, double[] N) Grid(int side)
    {
        var e = new double[side * side];
        var n = new double[side * side];
        for (int i = 0; i < side; i++)
            for (int j = 0; j < side; j++)
            {
                e[i * side + j] = -10_000 + 20_000.0 * j / (side - 1);
                n[i * side + j] = -10_000 + 20_000.0 * i / (side - 1);
            }
        return (e, n);
    }

    [Fact]
    public void SpanEvaluation_MatchesPointEvaluation()
    {
        var (e, n) = Grid(17);
        var ue = new double[e.Length];
        var un = new double[e.Length];
        var uu = new double[e.Length];

        Patch.DisplacementAt(e, n, ue, un, uu);

        for (int i = 0; i < e.Length; i++)
            Assert.Equal(Patch.DisplacementAt(e[i], n[i]), new EnuDisplacement(ue[i], un[i], uu[i]));
    }

    [Fact]
    public void SpanEvaluation_DoesNotAllocate()
    {
        var (e, n) = Grid(64);
        var ue = new double[e.Length];
        var un = new double[e.Length];
        var uu = new double[e.Length];
        Patch.DisplacementAt(e, n, ue, un, uu); // JIT warm-up

        long before = GC.GetAllocatedBytesForCurrentThread();
        Patch.DisplacementAt(e, n, ue, un, uu);
        Patch.Okada.DisplacementAt(e, n, ue, un, uu);
        long after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(0, after - before);
    }

    [Fact]
    public void MismatchedSpanLengths_Throw()
    {
        var two = new double[2];
        var three = new double[3];
        Assert.Throws<ArgumentException>(() => Patch.DisplacementAt(two, two, two, two, three));
        Assert.Throws<ArgumentException>(() => Patch.Okada.DisplacementAt(two, three, two, two, two));
    }

    [Fact]
    public void FaultCrossingTheFreeSurface_IsRejected()
    {
        // Lower edge at depth 1 but width 2 at 70° would put the top edge above ground.
        Assert.Throws<ArgumentOutOfRangeException>(() => new OkadaRectangle(1, 70, 3, 2, 1, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaultPatch(0, 0, -1, 0, 45, 3, 2, 0, 1));
    }
}
