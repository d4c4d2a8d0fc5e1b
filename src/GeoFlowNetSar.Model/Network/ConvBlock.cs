using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GeoFlowNetSar.Model.Network;

/// <summary>A 3×3 convolution (padding 1, optional stride 2) followed by LeakyReLU(0.1).</summary>
public sealed class ConvBlock : Module<Tensor, Tensor>
{
    private readonly Conv2d conv;

    public ConvBlock(string name, long inChannels, long outChannels, long stride = 1) : base(name)
    {
        conv = Conv2d(inChannels, outChannels, kernel_size: 3, stride: stride, padding: 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => LeakyActivation.Apply(conv.forward(input));
}
