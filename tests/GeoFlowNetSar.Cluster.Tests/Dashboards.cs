using System.Text.Json;
using System.Text.RegularExpressions;

namespace GeoFlowNetSar.Cluster.Tests;

/// <summary>The Grafana dashboards shipped with the Helm chart and the kustomize base, and what their queries name.</summary>
internal static partial class Dashboards
{
    public sealed record Dashboard(IReadOnlyList<string> PromQl, IReadOnlyList<string> TraceQl);

    private static readonly HashSet<string> PromQlWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan",
    };

    public static IReadOnlyList<(string File, Dashboard Dashboard)> Files()
    {
        string root = RepoRoot();
        return new[] { Path.Combine(root, "helm", "geoflownet-sar", "dashboards"), Path.Combine(root, "k8s", "base", "dashboards") }
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.GetFiles(folder, "*.json"))
            .Order(StringComparer.Ordinal)
            .Select(file => (Path.GetRelativePath(root, file), Parse(File.ReadAllText(file))))
            .ToList();
    }

    private static Dashboard Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var promql = new List<string>();
        var traceql = new List<string>();
        void Walk(JsonElement panels)
        {
            foreach (var panel in panels.EnumerateArray())
            {
                if (panel.TryGetProperty("panels", out var nested)) Walk(nested);
                if (!panel.TryGetProperty("targets", out var targets)) continue;
                foreach (var target in targets.EnumerateArray())
                {
                    if (target.TryGetProperty("expr", out var expr)) promql.Add(expr.GetString()!);
                    else if (target.TryGetProperty("queryType", out var type) && type.GetString() == "traceql") traceql.Add(target.GetProperty("query").GetString()!);
                }
            }
        }
        Walk(document.RootElement.GetProperty("panels"));
        return new Dashboard(promql, traceql);
    }

    /// <summary>
    /// The metric names of a PromQL expression: identifiers left once label matchers, ranges, grouping clauses and string
    /// literals are removed, that are neither function calls nor keywords. A {__name__=…} selector would hide a name from
    /// this check, so it is refused.
    /// </summary>
    public static IReadOnlyList<string> MetricNames(string promql)
    {
        Assert.DoesNotContain("__name__", promql);
        string text = Labels().Replace(promql, " ");
        text = Ranges().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        text = Strings().Replace(text, " ");
        return Identifiers().Matches(text)
            .Select(m => m.Value)
            .Where(word => !PromQlWords.Contains(word))
            .Distinct()
            .ToList();
    }

    /// <summary>Span names a TraceQL query selects (name = "…").</summary>
    public static IReadOnlyList<string> SpanNames(string traceql) =>
        SpanName().Matches(traceql).Select(m => m.Groups[1].Value).ToList();

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GeoFlowNetSar.sln"))) return dir.FullName;
        throw new InvalidOperationException("GeoFlowNetSar.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Labels();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex Grouping();

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex Strings();

    // Not preceded by a word character, '.' or '$' (numbers such as 1e6, template variables); not followed by '(' (functions).
    [GeneratedRegex(@"(?<![\w.$])[A-Za-z_:][A-Za-z0-9_:]*(?!\w)(?!\s*\()")]
    private static partial Regex Identifiers();

    [GeneratedRegex(@"\bname\s*=\s*""([^""]+)""")]
    private static partial Regex SpanName();
}
