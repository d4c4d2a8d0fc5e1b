using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GeoFlowNetSar.Model.Network;

/// <summary>
/// One residual unit of the coarsest-scale context block: x + W_e·σ(W_d·σ(W_r·x)), W_r a 1×1 reduction to half the
/// channels, W_d a 3×3 convolution with dilation d, W_e a 1×1 expansion back (σ = LeakyReLU 0.1). At stride 16 a
/// dilation d widens the receptive field by 2·d·16 input pixels for 1/4 of a plain 3×3 layer's work.
/// </summary>
/// <remarks>
/// W_e starts at zero, so a unit is the identity when created: a network given context units can be initialised
/// from weights trained without them and computes exactly what they did until training moves W_e.
/// </remarks>
public sealed class ContextUnit : Module<Tensor, Tensor>
{
    private readonly Conv2d reduce;
    private readonly Conv2d dilated;
    private readonly Conv2d expand;

    public ContextUnit(string name, long channels, int dilation) : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dilation, 1);
        long inner = Math.Max(1, channels / 2);
        reduce = Conv2d(channels, inner, kernel_size: 1);
        dilated = Conv2d(inner, inner, kernel_size: 3, padding: dilation, dilation: dilation);
        expand = Conv2d(inner, channels, kernel_size: 1);
        using (no_grad())
        {
            expand.weight!.zero_();
            expand.bias!.zero_();
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) =>
        input + expand.forward(LeakyActivation.Apply(dilated.forward(LeakyActivation.Apply(reduce.forward(input)))));
}
