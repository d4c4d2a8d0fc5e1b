using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GeoFlowNetSar.Model.Network;

/// <summary>
/// One decoder scale: a 4×4 stride-2 transposed convolution (+ LeakyReLU) brings the coarser feature to this
/// scale; it is concatenated with the encoder feature of the same scale and the coarser prediction upsampled
/// bilinearly (values are full-resolution pixels, so no rescaling); a 3×3 fusion convolution (+ LeakyReLU)
/// mixes them and a <see cref="DisplacementHead"/> predicts (dx, dy) at this scale.
/// </summary>
public sealed class DecoderBlock : Module<Tensor, Tensor, Tensor, (Tensor Feature, Tensor Prediction)>
{
    private readonly ConvTranspose2d up;
    private readonly ConvBlock fuse;
    private readonly DisplacementHead head;

    public DecoderBlock(string name, long coarserChannels, long skipChannels, long outChannels) : base(name)
    {
        up = ConvTranspose2d(coarserChannels, outChannels, kernel_size: 4, stride: 2, padding: 1);
        fuse = new ConvBlock("fuse", skipChannels + outChannels + UNetArchitecture.OutputChannels, outChannels);
        head = new DisplacementHead("head", outChannels);
        RegisterComponents();
    }

    /// <param name="coarser">Decoder (or deepest encoder) feature of the next coarser scale.</param>
    /// <param name="skip">Encoder feature of this scale; fixes the output size.</param>
    /// <param name="coarserPrediction">(dx, dy) predicted at the next coarser scale.</param>
    public override (Tensor Feature, Tensor Prediction) forward(Tensor coarser, Tensor skip, Tensor coarserPrediction)
    {
        long height = skip.shape[2], width = skip.shape[3];
        var upsampled = LeakyActivation.Apply(up.forward(coarser));
        // A transposed convolution doubles the size; an odd encoder size was rounded up (ceil), so crop.
        if (upsampled.shape[2] != height || upsampled.shape[3] != width)
            upsampled = upsampled.narrow(2, 0, height).narrow(3, 0, width);
        var prediction = functional.interpolate(
            coarserPrediction, size: [height, width], mode: InterpolationMode.Bilinear, align_corners: false);
        var feature = fuse.forward(cat([skip, upsampled, prediction], 1));
        return (feature, head.forward(feature));
    }
}
