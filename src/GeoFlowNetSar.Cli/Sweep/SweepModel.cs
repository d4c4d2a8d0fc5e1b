using System.Globalization;
using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Estimators;

namespace GeoFlowNetSar.Cli.Sweep;

/// <summary>
/// What `geoflownet sweep` runs: one method over every window × step on synthetic validation scenes. A setting is
/// skipped when it has more than <paramref name="MaxWindows"/> windows per scene, or when its predicted time on all
/// scenes (measured seconds per window × windows) exceeds <paramref name="BudgetSeconds"/> (0 = no time budget).
/// </summary>
public sealed record SweepRequest(
    string Method, IReadOnlyList<int> Windows, IReadOnlyList<int> Steps, int Scenes, int Size, long SeedIndex,
    long MaxWindows, int? Threads, double BudgetSeconds = 0, CorrelatorTuning? Tuning = null, double MinCoverage = SweepRequest.DefaultMinCoverage,
    double Tolerance = SweepRequest.DefaultTolerance, EstimatorCatalog? Catalog = null)
{
    /// <summary>Settings whose mean MAE is within this many px of the lowest count as equally good; the cheapest of
    /// them is named best (0.001 px is below the scene-to-scene spread of the sweep's MAE).</summary>
    public const double DefaultTolerance = 0.001;

    /// <summary>A setting that leaves more than a tenth of the scene without estimate cannot be the best one: its MAE
    /// is measured on the easy pixels it kept (a quality mask that rejects most windows would otherwise win).</summary>
    public const double DefaultMinCoverage = 0.9;
}

/// <summary>One window × step setting: its scores over every scene, or why it was skipped.</summary>
public sealed record SweepRow(
    int Window, int Step, long WindowsPerScene, string? Skipped,
    double MaeDx, double MaeDy, double NearFaultMae, double Coverage, double SecondsPerMegapixel)
{
    public bool Ran => Skipped is null;

    /// <summary>The ranking score: mean of MAE dx and MAE dy (px).</summary>
    public double MeanMae => 0.5 * (MaeDx + MaeDy);

    public string Status => Skipped ?? "ok";

    public static SweepRow Skip(int window, int step, long windows, string reason) =>
        new(window, step, windows, reason, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
}

public static class SweepGrid
{
    /// <summary>"32,64,128" → [32, 64, 128]; anything else is a <see cref="CliInputException"/> naming the option.</summary>
    public static IReadOnlyList<int> ParseList(string option, string text, int minimum)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < minimum)
                throw new CliInputException(
                    $"{option} '{text}': expected comma-separated whole numbers of at least {minimum} (bad value '{part}').");
            if (!values.Contains(value)) values.Add(value);
        }
        if (values.Count == 0) throw new CliInputException($"{option}: give at least one value.");
        return values;
    }

    /// <summary>
    /// The best setting: among the rows that ran with finite errors and at least <paramref name="minCoverage"/> of the
    /// pixels estimated, the cheapest (seconds per megapixel) whose mean of MAE dx and dy is within
    /// <paramref name="tolerance"/> px of the lowest; ties broken by the lower MAE. Null when none qualifies.
    /// </summary>
    public static SweepRow? Best(IEnumerable<SweepRow> rows, double minCoverage = SweepRequest.DefaultMinCoverage,
        double tolerance = SweepRequest.DefaultTolerance)
    {
        var qualified = rows.Where(r => r.Ran && double.IsFinite(r.MeanMae) && r.Coverage >= minCoverage).ToList();
        if (qualified.Count == 0) return null;
        double lowest = qualified.Min(r => r.MeanMae);
        return qualified.Where(r => r.MeanMae <= lowest + tolerance)
            .OrderBy(r => double.IsFinite(r.SecondsPerMegapixel) ? r.SecondsPerMegapixel : double.MaxValue)
            .ThenBy(r => r.MeanMae)
            .First();
    }

    /// <summary>The rule <see cref="Best"/> applies, in words (for the reports and best-settings.json).</summary>
    public static string Rule(double minCoverage, double tolerance) =>
        $"lowest mean of MAE dx and dy among settings with at least {(100 * minCoverage).ToString("0.#", CultureInfo.InvariantCulture)} % coverage; " +
        $"the cheapest (s/Mpx) within {tolerance.ToString("0.####", CultureInfo.InvariantCulture)} px of it is named best";
}
