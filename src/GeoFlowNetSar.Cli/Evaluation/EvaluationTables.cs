namespace GeoFlowNetSar.Cli.Evaluation;

/// <summary>Table I row: a method's errors pooled over the scored scenes (or the controls), false motion on the still pair.</summary>
public sealed record AccuracyRow(MethodSetting Method, double MaeDx, double MaeDy, double NearFaultMae, double FarFieldMae, double FalseMotion, double Coverage, PaperFigures.Row? Paper);

/// <summary>Table II row: our median seconds per megapixel scaled to a 1024×1024 scene, beside the paper's.</summary>
public sealed record RuntimeRow(MethodSetting Method, double SecondsPerMegapixel, PaperFigures.Row? Paper)
{
    public const double Megapixels1024 = 1024.0 * 1024 / 1e6;

    public double Seconds1024 => SecondsPerMegapixel * Megapixels1024;
}

/// <summary>Mean |a − b| between two methods' estimates of the same scene (pixels finite in both).</summary>
public sealed record DifferenceRow(string A, string B, double MeanAbsDx, double MeanAbsDy);

/// <summary>The report's tables, computed once from the results for report.md, results.json and the console.</summary>
public sealed record EvaluationTables(
    IReadOnlyList<AccuracyRow> TableI, IReadOnlyList<AccuracyRow> Control, IReadOnlyList<RuntimeRow> TableII, IReadOnlyList<DifferenceRow> Differences)
{
    public static EvaluationTables From(EvaluationResults results, FigureScene figure)
    {
        var tableI = Accuracy(results, SceneRole.Scored);
        var control = Accuracy(results, SceneRole.Control);
        var runtime = results.Available.Select(m => new RuntimeRow(m, results.MedianSecondsPerMegapixel(m.Name), PaperFigures.For(m.Name))).ToList();
        var differences = figure.Truth is null
            ? EvaluationFigures.Pairs(figure).Select(p =>
            {
                var d = EvaluationFigures.Difference(p.A, p.B);
                return new DifferenceRow(p.MethodA, p.MethodB, MeanAbs(d.Dx), MeanAbs(d.Dy));
            }).ToList()
            : [];
        return new EvaluationTables(tableI, control, runtime, differences);
    }

    private static List<AccuracyRow> Accuracy(EvaluationResults results, SceneRole role)
    {
        if (!results.Scenes.Any(s => s.Scene.Role == role)) return [];
        return results.Available.Select(m =>
        {
            var score = results.Pooled(m.Name, role);
            return new AccuracyRow(m, score?.MaeDx ?? double.NaN, score?.MaeDy ?? double.NaN, score?.NearFaultMae ?? double.NaN,
                score?.FarFieldMae ?? double.NaN, role == SceneRole.Scored ? results.FalseMotion(m.Name) : double.NaN,
                score?.Coverage ?? double.NaN, PaperFigures.For(m.Name));
        }).ToList();
    }

    private static double MeanAbs(float[] values)
    {
        double sum = 0;
        long count = 0;
        foreach (float v in values)
        {
            if (!float.IsFinite(v)) continue;
            sum += Math.Abs(v);
            count++;
        }
        return count == 0 ? double.NaN : sum / count;
    }
}
