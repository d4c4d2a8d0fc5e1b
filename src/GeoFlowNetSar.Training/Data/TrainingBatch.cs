using static TorchSharp.torch;

namespace GeoFlowNetSar.Training.Data;

/// <summary>Stacks prepared samples (all of one size) into [B, 2, S, S] input and target tensors.</summary>
public static class TrainingBatch
{
    public static (Tensor Input, Tensor Target) ToTensors(IReadOnlyList<PreparedSample> samples, Device? device = null)
    {
        if (samples.Count == 0) throw new ArgumentException("An empty batch.", nameof(samples));
        int size = samples[0].Size, plane = 2 * size * size;
        var input = new float[samples.Count * plane];
        var target = new float[samples.Count * plane];
        for (int i = 0; i < samples.Count; i++)
        {
            if (samples[i].Size != size)
                throw new ArgumentException($"Mixed sample sizes in one batch ({size} and {samples[i].Size}).", nameof(samples));
            samples[i].Input.CopyTo(input, i * plane);
            samples[i].Target.CopyTo(target, i * plane);
        }
        long[] shape = [samples.Count, 2, size, size];
        var dev = device ?? CPU;
        return (tensor(input, shape).to(dev), tensor(target, shape).to(dev));
    }
}
