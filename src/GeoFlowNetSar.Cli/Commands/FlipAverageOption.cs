using System.CommandLine;

namespace GeoFlowNetSar.Cli.Commands;

/// <summary>`--flip-average on|off`, shared by estimate and run.</summary>
internal static class FlipAverageOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--flip-average")
        {
            Description = "unet: average the predictions for the pair as given and mirrored in range, azimuth and both " +
                "(on: more accurate, 4x the network work), or one prediction (off).",
            DefaultValueFactory = _ => "on",
        };
        option.AcceptOnlyFromAmong("on", "off");
        return option;
    }

    public static bool IsOn(string? value) => value != "off";
}
