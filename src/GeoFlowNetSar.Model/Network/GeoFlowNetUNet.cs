using TorchSharp;
using static TorchSharp.torch;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace GeoFlowNetSar.Model.Network;

/// <summary>
/// GeoFlowNet-SAR's U-Net (Wang et al., 2025). Input [B, 2, H, W]: PRE and POST log-amplitude standardised per
/// patch (<see cref="InputNormalisation"/>). Encoder: five 3×3 convolutions (32 → 64 → 128 → 256 → 512 filters
/// at width 1.0), stride 2 from the second on, LeakyReLU(0.1) after each, no pooling. Decoder: per scale, a
/// transposed convolution, concatenation with the encoder feature of that scale and the upsampled coarser
/// prediction, a fusion convolution and a 2-channel head (<see cref="DecoderBlock"/>). Any H, W works (the
/// network is fully convolutional); multiples of 16 avoid cropping. Optional residual dilated context units
/// (<see cref="ContextUnit"/>) between the encoder and the coarsest head widen the receptive field.
/// </summary>
/// <remarks>
/// <see cref="forward"/> returns one prediction per scale, coarsest first and full resolution LAST:
/// [B, 2, ⌈H/16⌉, ⌈W/16⌉], …, [B, 2, H, W]; channel 0 = dx (columns, range), 1 = dy (rows, azimuth), both in
/// full-resolution pixels with DESIGN.md's sign (a feature at p in PRE is at p + d in POST).
/// </remarks>
public sealed class GeoFlowNetUNet : Module<Tensor, Tensor[]>
{
    private readonly ModuleList<ConvBlock> encoder;
    private readonly ModuleList<ContextUnit> context;
    private readonly DisplacementHead coarse_head;
    private readonly ModuleList<DecoderBlock> decoder;

    public GeoFlowNetUNet(UNetArchitecture? architecture = null) : base(nameof(GeoFlowNetUNet))
    {
        Architecture = architecture ?? UNetArchitecture.Paper;
        var c = Architecture.Channels;
        int scales = c.Count;
        encoder = new ModuleList<ConvBlock>();
        for (int s = 0; s < scales; s++)
            encoder.Add(new ConvBlock($"enc{s}", s == 0 ? UNetArchitecture.InputChannels : c[s - 1], c[s], stride: s == 0 ? 1 : 2));
        context = new ModuleList<ContextUnit>();
        for (int u = 0; u < Architecture.ContextDilations.Count; u++)
            context.Add(new ContextUnit($"context{u}", c[scales - 1], Architecture.ContextDilations[u]));
        coarse_head = new DisplacementHead("coarse_head", c[scales - 1]);
        // decoder[0] produces scale (scales − 2), …, decoder[^1] produces scale 0 (full resolution).
        decoder = new ModuleList<DecoderBlock>();
        for (int s = scales - 2; s >= 0; s--)
            decoder.Add(new DecoderBlock($"dec{s}", c[s + 1], c[s], c[s]));
        RegisterComponents();
    }

    public UNetArchitecture Architecture { get; }

    public long ParameterCount => parameters().Sum(p => p.numel());

    public override Tensor[] forward(Tensor input)
    {
        if (input.dim() != 4 || input.shape[1] != UNetArchitecture.InputChannels)
            throw new ArgumentException($"Expected input [B, {UNetArchitecture.InputChannels}, H, W], got [{string.Join(", ", input.shape)}].", nameof(input));
        var features = new Tensor[encoder.Count];
        var x = input;
        for (int s = 0; s < encoder.Count; s++)
            features[s] = x = encoder[s].forward(x);
        for (int u = 0; u < context.Count; u++)
            x = context[u].forward(x);

        var predictions = new Tensor[encoder.Count];
        var prediction = coarse_head.forward(x);
        predictions[0] = prediction;
        for (int i = 0; i < decoder.Count; i++)
        {
            int scale = encoder.Count - 2 - i;
            (x, prediction) = decoder[i].forward(x, features[scale], prediction);
            predictions[i + 1] = prediction;
        }
        return predictions;
    }
}
