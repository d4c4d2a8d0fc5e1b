using GeoFlowNetSar.Model.Network;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Model.Tests;

internal static class ModelOutputs
{
    /// <summary>The full-resolution prediction of <paramref name="model"/> in evaluation mode, as floats.</summary>
    public static float[] FullResolution(GeoFlowNetUNet model, Tensor input)
    {
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        model.eval();
        return model.forward(input)[^1].data<float>().ToArray();
    }
}
