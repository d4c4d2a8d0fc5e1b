using GeoFlowNetSar.Synthesis.Samples;
using GeoFlowNetSar.Training.Data;

namespace GeoFlowNetSar.Model.Tests;

public class DataTests
{
    private static readonly PlaneWaveShiftGenerator Generator = new(new PlaneWaveShiftOptions(Waves: 48));

    [Fact]
    public void SampleStreamIsDeterministicForASeedWhateverTheProducerCount()
    {
        static List<PreparedSample> Read(long seed, int producers, long start = 0)
        {
            using var stream = new SampleStream(Generator, i => i < 6 ? 16 : 32, new SampleStreamOptions(seed, producers, Capacity: 4), start);
            return Enumerable.Range(0, 10).Select(_ => stream.Take()).ToList();
        }
        var one = Read(7, 1);
        var three = Read(7, 3);
        for (int i = 0; i < one.Count; i++)
        {
            Assert.Equal(i, one[i].Index);
            Assert.Equal(7 + i, one[i].Seed);
            Assert.Equal(i < 6 ? 16 : 32, one[i].Size);
            Assert.Equal(one[i].Input, three[i].Input);
            Assert.Equal(one[i].Target, three[i].Target);
        }
        // Resuming at index 4 replays the same samples.
        var resumed = Read(7, 2, start: 4);
        Assert.Equal(one[4].Input, resumed[0].Input);
        Assert.Equal(one[9].Target, resumed[5].Target);
        // Another seed gives other data.
        Assert.NotEqual(one[0].Input, Read(8, 1)[0].Input);
    }

    [Fact]
    public void ALateStageTakesOverAtItsIndex_AndResumesTheSame()
    {
        var late = new PlaneWaveShiftGenerator(new PlaneWaveShiftOptions(Waves: 8));
        static List<PreparedSample> Read(Func<long, ISarPairGenerator> generatorOfIndex, long start = 0)
        {
            using var stream = new SampleStream(generatorOfIndex, _ => 16, new SampleStreamOptions(5, 2, Capacity: 4), start);
            return Enumerable.Range(0, 6).Select(_ => stream.Take()).ToList();
        }
        var staged = Read(i => i < 3 ? Generator : late);
        var early = Read(_ => Generator);
        var lateOnly = Read(_ => late);
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal((i < 3 ? early : lateOnly)[i].Input, staged[i].Input);
            Assert.NotEqual((i < 3 ? lateOnly : early)[i].Input, staged[i].Input);
        }
        Assert.Equal(staged[4].Target, Read(i => i < 3 ? Generator : late, start: 2)[2].Target);
    }

    [Fact]
    public void ValidationSeedsNeverMeetTrainingSeeds()
    {
        Assert.True(SampleSeeds.Validation(0) > SampleSeeds.Training(SampleSeeds.MaxTrainingBaseSeed - 1, 1L << 60));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSeeds.Training(SampleSeeds.MaxTrainingBaseSeed, SampleSeeds.ValidationBase));
        var set = ValidationSet.Generate(Generator, 3, 16);
        Assert.Equal([SampleSeeds.ValidationBase, SampleSeeds.ValidationBase + 1, SampleSeeds.ValidationBase + 2], set.Samples.Select(s => s.Seed));
        var again = ValidationSet.Generate(Generator, 3, 16, parallelism: 2);
        Assert.Equal(set.Samples[2].Input, again.Samples[2].Input);
    }

    [Fact]
    public void GeneratorFailuresSurfaceWithTheirSeed()
    {
        using var stream = new SampleStream(new Failing(), _ => 16, new SampleStreamOptions(BaseSeed: 100));
        stream.Take();
        stream.Take();
        var e = Assert.Throws<InvalidOperationException>(() => stream.Take());
        Assert.Contains("seed 102", e.Message);
    }

    private sealed class Failing : ISarPairGenerator
    {
        public SarPairSample Generate(int size, long seed) =>
            seed == 102 ? throw new InvalidOperationException("boom") : Generator.Generate(size, seed);
    }

    [Fact]
    public void StandInGeneratorMakesTwoShiftedHalfPlanes()
    {
        var generator = new PlaneWaveShiftGenerator(new PlaneWaveShiftOptions(Waves: 48, StillFraction: 0, UniformFraction: 0, MaxShift: 1.5));
        var sample = generator.Generate(32, 42);
        Assert.Equal("fault", sample.Parameters["kind"]);
        var pairs = sample.Dx.Zip(sample.Dy).Distinct().ToList();
        Assert.Equal(2, pairs.Count);
        Assert.All(pairs, p => Assert.InRange(Math.Abs(p.First), 0, 1.5));
        Assert.Equal(sample.Pre, generator.Generate(32, 42).Pre);
        Assert.All(sample.Post, v => Assert.True(v >= 0 && float.IsFinite(v)));

        var still = new PlaneWaveShiftGenerator(new PlaneWaveShiftOptions(Waves: 48, StillFraction: 1, UniformFraction: 0)).Generate(16, 1);
        Assert.All(still.Dx.Concat(still.Dy), v => Assert.Equal(0f, v));
        Assert.True(SamplePreparation.Prepare(still, 16, 0, 1).IsStill);
    }

    [Fact]
    public void StandInGeneratorFollowsTheSignConvention()
    {
        // Uniform shift, no noise: PRE(p) ≈ POST(p + d) (bilinear), far better than POST(p − d).
        var generator = new PlaneWaveShiftGenerator(new PlaneWaveShiftOptions(Waves: 64, MaxFrequency: 0.15, StillFraction: 0, UniformFraction: 1, Decorrelation: 0, MaxShift: 3));
        for (long seed = 0; seed < 5; seed++)
        {
            var s = generator.Generate(48, seed);
            double dx = s.Dx[0], dy = s.Dy[0];
            double forward = Correlation(s, dx, dy), backward = Correlation(s, -dx, -dy);
            Assert.True(forward > 0.97, $"seed {seed}: d = ({dx}, {dy}), correlation {forward}");
            if (Math.Abs(dx) + Math.Abs(dy) > 1) Assert.True(forward > backward + 0.2, $"seed {seed}: {forward} vs {backward}");
        }
    }

    private static double Correlation(SarPairSample s, double dx, double dy)
    {
        int n = s.Size;
        var a = new List<double>();
        var b = new List<double>();
        for (int y = 6; y < n - 6; y++)
            for (int x = 6; x < n - 6; x++)
            {
                double px = x + dx, py = y + dy;
                int x0 = (int)Math.Floor(px), y0 = (int)Math.Floor(py);
                double fx = px - x0, fy = py - y0;
                double v = (1 - fy) * ((1 - fx) * s.Post[y0 * n + x0] + fx * s.Post[y0 * n + x0 + 1])
                    + fy * ((1 - fx) * s.Post[(y0 + 1) * n + x0] + fx * s.Post[(y0 + 1) * n + x0 + 1]);
                a.Add(s.Pre[y * n + x]);
                b.Add(v);
            }
        double ma = a.Average(), mb = b.Average();
        double sab = a.Zip(b, (p, q) => (p - ma) * (q - mb)).Sum();
        double saa = a.Sum(p => (p - ma) * (p - ma)), sbb = b.Sum(q => (q - mb) * (q - mb));
        return sab / Math.Sqrt(saa * sbb);
    }
}
