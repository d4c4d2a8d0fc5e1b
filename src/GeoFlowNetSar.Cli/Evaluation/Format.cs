using System.Globalization;

namespace GeoFlowNetSar.Cli.Evaluation;

/// <summary>Invariant number formats for the report and the console; "n/a" for NaN.</summary>
public static class Format
{
    public static string Px(double value) => F(value, "F4");

    public static string F(double value, string format) =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    public static string Percent(double fraction) =>
        double.IsFinite(fraction) ? (100 * fraction).ToString("F1", CultureInfo.InvariantCulture) + " %" : "n/a";
}
