using GeoFlowNetSar.Pipeline.Scenes;
using Spectre.Console;

namespace GeoFlowNetSar.Cli.Terminal;

/// <summary>The table printed after a scene, and the warnings a user must not miss.</summary>
public static class SceneSummary
{
    public static void Print(SceneReport report, string output)
    {
        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumns("", "");
        table.AddRow("method", report.Method);
        table.AddRow("size", $"{report.Width} x {report.Height}");
        table.AddRow("windows", $"{report.Windows:N0} in {report.Chunks} chunk(s)");
        table.AddRow("windows without estimate", $"{report.WindowsWithoutEstimate:N0}");
        table.AddRow("time", $"{report.Elapsed.TotalSeconds:F2} s ({report.MegapixelsPerSecond:F2} Mpx/s)");
        if (report.Estimating > TimeSpan.Zero)
            table.AddRow("of which estimating", $"{report.Estimating.TotalSeconds:F2} s (rest: read, interpolate, write)");
        table.AddRow("output", Markup.Escape(output));
        AnsiConsole.Write(table);
        if (report.NoEstimateAtAll)
            CommandRunner.Warn("no window had an estimate (no texture: constant or fully masked input); the result is NaN everywhere.");
        else if (report.WindowsWithoutEstimate > 0)
            CommandRunner.Warn($"{report.WindowsWithoutEstimate:N0} of {report.Windows:N0} windows had no estimate (no texture, masked input or low correlation); those areas are NaN.");
    }
}
