namespace GeoFlowNetSar.Training.Data;

/// <summary>
/// The two seed ranges: training seeds are BaseSeed + index in [0, 2⁶²); validation seeds are 2⁶² + index, a range
/// training can never reach, so no validation sample is ever trained on.
/// </summary>
public static class SampleSeeds
{
    public const long ValidationBase = 1L << 62;
    public const long MaxTrainingBaseSeed = 1L << 61;

    public static long Training(long baseSeed, long index)
    {
        long seed = checked(baseSeed + index);
        if (index < 0 || seed >= ValidationBase)
            throw new ArgumentOutOfRangeException(nameof(index), index, "Training sample index out of the training seed range.");
        return seed;
    }

    public static long Validation(long index)
    {
        if (index < 0 || index >= ValidationBase) throw new ArgumentOutOfRangeException(nameof(index));
        return ValidationBase + index;
    }
}
