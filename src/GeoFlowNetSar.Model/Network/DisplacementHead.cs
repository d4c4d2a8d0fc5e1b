using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GeoFlowNetSar.Model.Network;

/// <summary>
/// A 3×3 convolution to the two displacement channels (dx, dy), linear: the displacement at every scale is in
/// full-resolution pixels, so coarse predictions can be upsampled without rescaling.
/// </summary>
public sealed class DisplacementHead : Module<Tensor, Tensor>
{
    private readonly Conv2d conv;

    public DisplacementHead(string name, long inChannels) : base(name)
    {
        conv = Conv2d(inChannels, UNetArchitecture.OutputChannels, kernel_size: 3, padding: 1);
        using (no_grad())
        using (var tenth = 0.1.ToScalar())
        {
            // Start near "no motion": most displacements are a fraction of a pixel.
            conv.weight!.mul_(tenth);
            conv.bias!.zero_();
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => conv.forward(input);
}
