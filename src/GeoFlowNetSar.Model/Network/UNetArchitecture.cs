using System.Globalization;

namespace GeoFlowNetSar.Model.Network;

/// <summary>
/// The hyper-parameters that fix the shape of a <see cref="GeoFlowNetUNet"/> (and so which weights fit it).
/// Width 1.0 is the paper's network (encoder 32 → 64 → 128 → 256 → 512 filters, ≈ 6 M parameters); 0.5 halves
/// every layer (16 → 256, ≈ 1.5 M parameters, about 2.5× faster per training step).
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

    public UNetArchitecture(double widthMultiplier = 1.0)
    {
        if (!(widthMultiplier > 0 && widthMultiplier <= 4))
            throw new ArgumentOutOfRangeException(nameof(widthMultiplier), widthMultiplier, "Use a width multiplier in (0, 4].");
        WidthMultiplier = widthMultiplier;
        Channels = PaperChannels.Select(c => Math.Max(2, (int)Math.Round(c * widthMultiplier))).ToArray();
    }

    public static UNetArchitecture Paper { get; } = new(1.0);

    public double WidthMultiplier { get; }

    /// <summary>Encoder (and decoder) filters per scale, finest first.</summary>
    public IReadOnlyList<int> Channels { get; }

    /// <summary>Number of scales = number of predictions (full, ½, ¼, ⅛, 1/16 resolution).</summary>
    public int Scales => Channels.Count;

    /// <summary>Inputs whose sides are multiples of this go through without cropping (others work too).</summary>
    public int Granularity => 1 << (Scales - 1);

    public bool Equals(UNetArchitecture? other) => other is not null && other.WidthMultiplier == WidthMultiplier;

    public override int GetHashCode() => WidthMultiplier.GetHashCode();

    public override string ToString() =>
        $"GeoFlowNet U-Net width {WidthMultiplier.ToString(CultureInfo.InvariantCulture)} ({string.Join("→", Channels)})";
}
