namespace GeoFlowNetSar.Training.Data;

/// <summary>How training samples are produced.</summary>
/// <param name="BaseSeed">Training sample i uses generator seed BaseSeed + i (0 ≤ BaseSeed &lt; 2⁶¹).</param>
/// <param name="Producers">Generator threads; the order of samples does not depend on it.</param>
/// <param name="Capacity">Samples prepared ahead (bounded queue, split over producers).</param>
/// <param name="Augment">Random column/row flips, chosen from each sample's seed.</param>
public sealed record SampleStreamOptions(long BaseSeed = 1, int Producers = 1, int Capacity = 64, bool Augment = true)
{
    public void Validate()
    {
        if (BaseSeed < 0 || BaseSeed >= SampleSeeds.MaxTrainingBaseSeed)
            throw new ArgumentOutOfRangeException(nameof(BaseSeed), BaseSeed, $"Use a base seed in [0, {SampleSeeds.MaxTrainingBaseSeed}).");
        if (Producers < 1) throw new ArgumentOutOfRangeException(nameof(Producers), Producers, "Use at least one producer.");
        if (Capacity < Producers) throw new ArgumentOutOfRangeException(nameof(Capacity), Capacity, "Use a capacity of at least one sample per producer.");
    }
}
