using System.CommandLine;

namespace GeoFlowNetSar.Cli.Commands;

/// <summary>`--coarse auto|off`, shared by estimate and run.</summary>
internal static class CoarseOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--coarse")
        {
            Description = "unet: remove a coarse offset (frequency correlator, one per window) before the network and add it back, " +
                "for motion beyond its ±2 px training range (auto), or never (off).",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "off");
        return option;
    }
}
