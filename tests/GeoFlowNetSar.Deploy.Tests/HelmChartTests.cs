using System.Text.RegularExpressions;

namespace GeoFlowNetSar.Deploy.Tests;

/// <summary>
/// Static checks of helm/geoflownet-sar (helm itself is not installable in the development workplace; CI with helm runs
/// `helm lint` and `helm template`, see docs/deploy.md).
/// </summary>
public sealed partial class HelmChartTests
{
    private static readonly string ChartDir = Repo.PathOf("helm", "geoflownet-sar");

    private static IEnumerable<string> Templates() =>
        Directory.EnumerateFiles(Path.Combine(ChartDir, "templates")).Where(f => f.EndsWith(".yaml") || f.EndsWith(".tpl") || f.EndsWith(".txt"));

    [Fact]
    public void Chart_yaml_has_the_required_fields()
    {
        var chart = Repo.ParseSingle(Path.Combine(ChartDir, "Chart.yaml"));
        Assert.Equal("v2", Y.Str(chart, "apiVersion"));
        Assert.Equal("geoflownet-sar", Y.Str(chart, "name"));
        Assert.Matches(@"^\d+\.\d+\.\d+", Y.Str(chart, "version"));
        Assert.False(string.IsNullOrWhiteSpace(Y.Str(chart, "appVersion")));
        Assert.False(string.IsNullOrWhiteSpace(Y.Str(chart, "description")));
        Assert.Equal("application", Y.Str(chart, "type"));
    }

    [Fact]
    public void Every_value_a_template_reads_exists_in_values_yaml()
    {
        var values = Repo.ParseSingle(Path.Combine(ChartDir, "values.yaml"));
        var missing = new List<string>();
        int references = 0;
        foreach (string template in Templates())
        foreach (Match match in ValuesReference().Matches(File.ReadAllText(template)))
        {
            references++;
            string path = match.Groups[1].Value.TrimEnd('.');
            if (Y.Get(values, path.Split('.')) is null && !KeyExists(values, path.Split('.')))
                missing.Add($"{Path.GetFileName(template)}: .Values.{path}");
        }
        Assert.True(references > 20, $"only {references} .Values references found: is the regex right?");
        Assert.True(missing.Count == 0, "not in values.yaml: " + string.Join(", ", missing.Distinct()));
    }

    // A key whose value is empty or null ("" or ~) still exists.
    private static bool KeyExists(object? node, string[] path)
    {
        for (int i = 0; i < path.Length; i++)
        {
            if (node is not Dictionary<string, object?> map || !map.TryGetValue(path[i], out node))
                return false;
        }
        return true;
    }

    [GeneratedRegex(@"\.Values\.([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)")]
    private static partial Regex ValuesReference();

    [Fact]
    public void Templates_have_balanced_actions_and_cover_the_kustomize_objects()
    {
        string all = "";
        foreach (string template in Templates())
        {
            string text = File.ReadAllText(template);
            Assert.True(Regex.Matches(text, @"\{\{").Count == Regex.Matches(text, @"\}\}").Count, $"{Path.GetFileName(template)}: unbalanced {{{{ }}}}");
            // Every block opener has its end.
            int opens = Regex.Matches(text, @"\{\{-?\s*(if|range|with|define)\b").Count;
            int ends = Regex.Matches(text, @"\{\{-?\s*end\b").Count;
            Assert.True(opens == ends, $"{Path.GetFileName(template)}: {opens} if/range/with/define vs {ends} end");
            all += text;
        }
        foreach (string kind in new[] { "ServiceAccount", "Role", "RoleBinding", "Deployment", "PodDisruptionBudget", "ConfigMap", "Service", "Job", "Secret" })
            Assert.Contains($"kind: {kind}\n", all);
        foreach (string needle in new[] { "orleans/serviceId", "orleans/clusterId", "POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_SERVICE_ID",
                     "ORLEANS_CLUSTER_ID", "Cluster__Clustering", "GeoFlowNetSar__Roles", "path: /readyz", "path: /healthz", "secretKeyRef",
                     "nvidia.com/gpu", "readOnlyRootFilesystem: true", "allowPrivilegeEscalation: false", "drop: [\"ALL\"]", "RuntimeDefault",
                     "runAsNonRoot: true", "OTEL_EXPORTER_OTLP_ENDPOINT", "emptyDir" })
            Assert.Contains(needle, all);
        Assert.Contains("verbs: [\"get\", \"list\", \"watch\", \"delete\"]", all);
    }

    [Fact]
    public void Values_pin_images_and_default_to_gpu_scheduling_and_secret_connections()
    {
        var values = Repo.ParseSingle(Path.Combine(ChartDir, "values.yaml"));
        foreach (string image in new[] { "siloCpu", "siloGpu", "client" })
        {
            string? tag = Y.Str(values, "images", image, "tag");
            Assert.True(tag is { Length: > 0 } && tag != "latest", $"images.{image}.tag must be pinned");
        }
        foreach (string? image in new[] { Y.Str(values, "redis", "image"), Y.Str(values, "storage", "azurite", "image"), Y.Str(values, "telemetry", "collector", "image") })
            Assert.True(DockerfileTests.IsPinned(image!), $"{image} is not pinned");
        Assert.Equal("true", Y.Str(values, "gpu", "enabled"));
        Assert.Equal("false", Y.Str(values, "connections", "create"));
        Assert.Equal("", Y.Str(values, "connections", "redis"));
        Assert.Equal("", Y.Str(values, "connections", "storageConnectionString"));
        Assert.Contains(Y.Str(values, "storage", "kind"), new[] { "local", "azure" });
        Assert.NotNull(Y.Map(values, "silos", "cpu", "resources", "limits"));
        Assert.NotNull(Y.Map(values, "silos", "gpu", "resources", "limits"));
    }
}
