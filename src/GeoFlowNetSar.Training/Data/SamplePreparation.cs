using GeoFlowNetSar.Model.Network;
using GeoFlowNetSar.Synthesis.Samples;

namespace GeoFlowNetSar.Training.Data;

/// <summary>Checks a generated sample against the contract and turns it into network input and target.</summary>
public static class SamplePreparation
{
    public static PreparedSample Prepare(SarPairSample sample, int expectedSize, long index, long seed)
    {
        int n = sample.Size, area = n * n;
        if (n != expectedSize)
            throw new InvalidOperationException($"The generator returned a {n}×{n} sample for size {expectedSize} (seed {seed}).");
        if (sample.Pre.Length != area || sample.Post.Length != area || sample.Dx.Length != area || sample.Dy.Length != area)
            throw new InvalidOperationException($"The generator returned arrays of the wrong length for size {n} (seed {seed}).");
        var input = new float[2 * area];
        bool usable = InputNormalisation.NormalisePair(sample.Pre, sample.Post, input);
        var target = new float[2 * area];
        bool still = true;
        for (int i = 0; i < area; i++)
        {
            float dx = sample.Dx[i], dy = sample.Dy[i];
            if (!float.IsFinite(dx) || !float.IsFinite(dy))
                throw new InvalidOperationException($"The generator returned a non-finite displacement at pixel {i} (seed {seed}).");
            target[i] = dx;
            target[area + i] = dy;
            still &= dx == 0 && dy == 0;
        }
        return new PreparedSample(index, seed, n, input, target, usable, still);
    }
}
