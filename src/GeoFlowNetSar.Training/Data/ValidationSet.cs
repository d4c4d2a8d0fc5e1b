using GeoFlowNetSar.Synthesis.Samples;

namespace GeoFlowNetSar.Training.Data;

/// <summary>
/// A fixed validation set: <c>count</c> samples of one size with seeds <see cref="SampleSeeds.Validation"/>(0 …),
/// never augmented, never used in training. The same generator, count and size give the same set in every run.
/// </summary>
public sealed class ValidationSet
{
    private ValidationSet(IReadOnlyList<PreparedSample> samples, int size)
    {
        Samples = samples;
        Size = size;
    }

    public IReadOnlyList<PreparedSample> Samples { get; }

    public int Size { get; }

    public static ValidationSet Generate(ISarPairGenerator generator, int count, int size, int parallelism = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 16);
        var samples = new PreparedSample[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken }, i =>
        {
            long seed = SampleSeeds.Validation(i);
            samples[i] = SamplePreparation.Prepare(generator.Generate(size, seed), size, i, seed);
        });
        return new ValidationSet(samples, size);
    }
}
