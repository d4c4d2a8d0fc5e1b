using System.CommandLine;
using System.Globalization;
using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Correlators.Frequency;
using GeoFlowNetSar.Estimators;

namespace GeoFlowNetSar.Cli.Estimation;

/// <summary>
/// The correlators' quality thresholds and sub-pixel method on the command line (`estimate`, `sweep`):
/// --min-correlation, --min-snr, --subpixel. Unset options keep each method's defaults.
/// </summary>
public sealed class TuningOptions
{
    public static readonly string[] SubPixelNames = ["phase-plane", "upsampled-dft"];

    public Option<double?> MinCorrelation { get; } = new("--min-correlation")
    {
        Description = "Correlators: windows whose correlation is below this (0..1) give NaN. frequency: phase-fit quality " +
                      "(default 0.25); spatial: peak NCC (default 0.3); ampcor: peak NCC (default 0.2).",
    };

    public Option<double?> MinSnr { get; } = new("--min-snr")
    {
        Description = "ampcor: windows whose SNR (peak NCC / mean |NCC| off the peak) is below this give NaN (default 2.5).",
    };

    public Option<string?> SubPixel { get; } = new("--subpixel")
    {
        Description = "frequency: sub-pixel method, phase-plane (COSI-Corr, default) or upsampled-dft (Guizar-Sicairos, 1/64 px).",
    };

    public IEnumerable<Option> All => [MinCorrelation, MinSnr, SubPixel];

    public CorrelatorTuning? Read(ParseResult parse) =>
        Parse(parse.GetValue(MinCorrelation), parse.GetValue(MinSnr), parse.GetValue(SubPixel));

    /// <summary>The tuning asked for, or null when nothing was set; range errors name the option.</summary>
    public static CorrelatorTuning? Parse(double? minCorrelation, double? minSnr, string? subPixel)
    {
        if (minCorrelation is { } c && !(c is >= 0 and <= 1))
            throw new CliInputException($"--min-correlation must be in [0, 1] (got {Text(c)}).");
        if (minSnr is { } s && !(s >= 0 && double.IsFinite(s)))
            throw new CliInputException($"--min-snr must be a finite number ≥ 0 (got {Text(s)}).");
        SubPixelMethod? method = subPixel?.Trim().ToLowerInvariant() switch
        {
            null => null,
            "phase-plane" => SubPixelMethod.PhasePlane,
            "upsampled-dft" => SubPixelMethod.UpsampledDft,
            _ => throw new CliInputException($"--subpixel '{subPixel}': expected {string.Join(" or ", SubPixelNames)}."),
        };
        var tuning = new CorrelatorTuning(minCorrelation, minSnr, method);
        return tuning.IsEmpty ? null : tuning;
    }

    /// <summary>Refuses options that the method would silently ignore, naming them.</summary>
    public static void CheckApplies(string method, CorrelatorTuning? tuning)
    {
        if (tuning is null) return;
        var unused = new List<string>();
        if (tuning.MinCorrelation is not null && tuning.Inapplicable(method).Contains("minimum correlation")) unused.Add("--min-correlation");
        if (tuning.MinSnr is not null && tuning.Inapplicable(method).Contains("minimum SNR")) unused.Add("--min-snr (ampcor only)");
        if (tuning.SubPixel is not null && tuning.Inapplicable(method).Contains("sub-pixel method")) unused.Add("--subpixel (frequency only)");
        if (unused.Count > 0)
            throw new CliInputException($"--method {method} does not use {string.Join(", ", unused)}.");
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
