namespace GeoFlowNetSar.Cli.Evaluation;

/// <summary>Writes an evaluation's outputs into a folder: the PNGs, report.md and results.json (shared by `evaluate` and `demo`).</summary>
public static class EvaluationReport
{
    public static EvaluationTables Write(string folder, EvaluationResults results, FigureScene figure)
    {
        var tables = EvaluationTables.From(results, figure);
        var machine = MachineDescription.Current();
        var profiles = ProfileLines.Place(figure.Truth, figure.Result.Width, figure.Result.Height);
        if (figure.Estimates.Count > 0)
        {
            EvaluationFigures.Maps(figure, Path.Combine(folder, EvaluationMarkdown.MapsFile));
            EvaluationFigures.Profiles(figure, profiles, Path.Combine(folder, EvaluationMarkdown.ProfilesFile));
        }
        bool differences = figure.Truth is null && figure.Estimates.Count > 1;
        if (differences) EvaluationFigures.Differences(figure, Path.Combine(folder, EvaluationMarkdown.DifferencesFile));
        File.WriteAllText(Path.Combine(folder, "report.md"), EvaluationMarkdown.Build(results, tables, machine, figure, profiles, differences));
        EvaluationJson.Write(Path.Combine(folder, "results.json"), results, tables, machine, folder);
        return tables;
    }
}
