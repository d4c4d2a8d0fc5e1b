using System.Globalization;

namespace GeoFlowNetSar.Model.Network;

/// <summary>
/// The hyper-parameters that fix the shape of a <see cref="GeoFlowNetUNet"/> (and so which weights fit it).
/// Width 1.0 is the paper's network (encoder 32 → 64 → 128 → 256 → 512 filters, ≈ 6 M parameters); 0.5 halves
/// every layer (16 → 256, ≈ 1.5 M parameters, about 2.5× faster per training step).
/// <see cref="ContextDilations"/> adds residual dilated units at the coarsest scale (<see cref="ContextUnit"/>;
/// none in the paper's network).
/// </summary>
public sealed record UNetArchitecture
{
    /// <summary>Encoder filters at width 1.0, finest scale first; scale s has stride 2^s.</summary>
    public static readonly IReadOnlyList<int> PaperChannels = [32, 64, 128, 256, 512];

    /// <summary>PRE and POST log-amplitude, standardised per patch (<see cref="InputNormalisation"/>).</summary>
    public const int InputChannels = 2;

    /// <summary>dx (range, columns) and dy (azimuth, rows), in full-resolution pixels at every scale.</summary>
    public const int OutputChannels = 2;

    /// <summary>Negative slope of every LeakyReLU.</summary>
    public const double LeakySlope = 0.1;

    public UNetArchitecture(double widthMultiplier = 1.0, IReadOnlyList<int>? contextDilations = null)
    {
        if (!(widthMultiplier > 0 && widthMultiplier <= 4))
            throw new ArgumentOutOfRangeException(nameof(widthMultiplier), widthMultiplier, "Use a width multiplier in (0, 4].");
        contextDilations ??= [];
        if (contextDilations.Count > 8 || contextDilations.Any(d => d is < 1 or > 64))
            throw new ArgumentOutOfRangeException(nameof(contextDilations), $"Use at most 8 context units with dilations in [1, 64] (got {string.Join(",", contextDilations)}).");
        WidthMultiplier = widthMultiplier;
        Channels = PaperChannels.Select(c => Math.Max(2, (int)Math.Round(c * widthMultiplier))).ToArray();
        ContextDilations = contextDilations.ToArray();
    }

    public static UNetArchitecture Paper { get; } = new(1.0);

    public double WidthMultiplier { get; }

    /// <summary>Encoder (and decoder) filters per scale, finest first.</summary>
    public IReadOnlyList<int> Channels { get; }

    /// <summary>
    /// Dilation of each context unit at the coarsest scale, in order (empty: the paper's network). At stride 2^(S−1)
    /// a unit of dilation d adds 2·d·2^(S−1) pixels to the receptive field: the paper's encoder alone sees ≈ 33 px
    /// at its deepest layer, less than the smooth far field a correlator averages over with 64–128 px windows.
    /// </summary>
    public IReadOnlyList<int> ContextDilations { get; }

    /// <summary>Number of scales = number of predictions (full, ½, ¼, ⅛, 1/16 resolution).</summary>
    public int Scales => Channels.Count;

    /// <summary>Inputs whose sides are multiples of this go through without cropping (others work too).</summary>
    public int Granularity => 1 << (Scales - 1);

    /// <summary>
    /// Every convolution of the network for an <paramref name="size"/>² input (a multiple of
    /// <see cref="Granularity"/>), in forward order: encoder 3×3 (stride 2 from scale 1), coarsest head, then per
    /// decoder scale the 4×4 stride-2 transposed convolution, the 3×3 fusion of skip ‖ upsampled ‖ prediction, and
    /// the 3×3 head.
    /// </summary>
    public IEnumerable<ConvolutionLayer> Convolutions(int size)
    {
        if (size <= 0 || size % Granularity != 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"Use a positive multiple of {Granularity}.");
        var c = Channels;
        long Pixels(int scale) => (long)(size >> scale) * (size >> scale);
        for (int s = 0; s < Scales; s++)
            yield return new ConvolutionLayer($"enc{s}", 3, s == 0 ? InputChannels : c[s - 1], c[s], Pixels(s), Transposed: false);
        int inner = Math.Max(1, c[Scales - 1] / 2);
        for (int u = 0; u < ContextDilations.Count; u++)
        {
            yield return new ConvolutionLayer($"context{u}.reduce", 1, c[Scales - 1], inner, Pixels(Scales - 1), Transposed: false);
            yield return new ConvolutionLayer($"context{u}.dilated", 3, inner, inner, Pixels(Scales - 1), Transposed: false);
            yield return new ConvolutionLayer($"context{u}.expand", 1, inner, c[Scales - 1], Pixels(Scales - 1), Transposed: false);
        }
        yield return new ConvolutionLayer("coarse_head", 3, c[Scales - 1], OutputChannels, Pixels(Scales - 1), Transposed: false);
        for (int s = Scales - 2; s >= 0; s--)
        {
            yield return new ConvolutionLayer($"dec{s}.up", 4, c[s + 1], c[s], Pixels(s), Transposed: true);
            yield return new ConvolutionLayer($"dec{s}.fuse", 3, c[s] + c[s] + OutputChannels, c[s], Pixels(s), Transposed: false);
            yield return new ConvolutionLayer($"dec{s}.head", 3, c[s], OutputChannels, Pixels(s), Transposed: false);
        }
    }

    /// <summary>Multiply–accumulates of one forward pass on a <paramref name="size"/>² input (benchmarks count 2 FLOP per MAC).</summary>
    public long MultiplyAccumulates(int size) => Convolutions(size).Sum(l => l.MultiplyAccumulates);

    /// <summary>The dilations as stored in weights and checkpoint headers: absent (null) for the paper's network, so its files keep their first form.</summary>
    public int[]? StoredContextDilations => ContextDilations.Count == 0 ? null : ContextDilations.ToArray();

    public bool Equals(UNetArchitecture? other) =>
        other is not null && other.WidthMultiplier == WidthMultiplier && other.ContextDilations.SequenceEqual(ContextDilations);

    public override int GetHashCode() => HashCode.Combine(WidthMultiplier, string.Join(",", ContextDilations));

    public override string ToString() =>
        $"GeoFlowNet U-Net width {WidthMultiplier.ToString(CultureInfo.InvariantCulture)} ({string.Join("→", Channels)})" +
        (ContextDilations.Count == 0 ? "" : $", context dilations {string.Join(",", ContextDilations)}");
}

/// <summary>
/// One convolution: a k×k kernel from C_in to C_out channels producing OutputPixels values per channel. A plain
/// convolution costs k²·C_in·C_out MACs per output pixel; a stride-2 transposed one spreads each input pixel's
/// k²·C_in·C_out MACs over 4 output pixels. Biases and activations are negligible and not counted.
/// </summary>
public sealed record ConvolutionLayer(string Name, int Kernel, int InChannels, int OutChannels, long OutputPixels, bool Transposed)
{
    public long Weights => (long)Kernel * Kernel * InChannels * OutChannels;

    public long MultiplyAccumulates => (Transposed ? Weights / 4 : Weights) * OutputPixels;
}
