namespace GeoFlowNetSar.Deploy.Tests;

/// <summary>Invariants of k8s/base with the dev and prod overlays.</summary>
public sealed class KustomizeTests
{
    public static TheoryData<string> Overlays => new() { "dev", "prod" };

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_deployment_is_non_root_read_only_and_bounded(string overlay)
    {
        var manifests = Manifests.Of(overlay);
        Assert.NotEmpty(manifests.Deployments);
        foreach (var deployment in manifests.Deployments)
        {
            string name = Y.Name(deployment);
            var pod = Y.Map(deployment, "spec", "template", "spec")!;
            SecurityAssert.Pod(name, pod);
            foreach (var container in Y.List(pod, "containers").OfType<Dictionary<string, object?>>())
            {
                string where = $"{overlay}/{name}/{Y.Str(container, "name")}";
                SecurityAssert.Container(where, container);
                Assert.True(Y.Map(container, "livenessProbe") is not null, $"{where}: no livenessProbe");
                Assert.True(Y.Map(container, "readinessProbe") is not null, $"{where}: no readinessProbe");
                foreach (string kind in new[] { "requests", "limits" })
                foreach (string resource in new[] { "cpu", "memory" })
                    Assert.True(Y.Str(container, "resources", kind, resource) is { Length: > 0 }, $"{where}: resources.{kind}.{resource} missing");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Silos_carry_the_orleans_identity_configuration_and_probes(string overlay)
    {
        var manifests = Manifests.Of(overlay);
        Assert.Equal(["cpu", "gpu"], manifests.Silos.Select(s => Y.Str(s, "metadata", "labels", "geoflownet/role")).Order());
        var accounts = manifests.OfKind("ServiceAccount").Select(Y.Name).ToHashSet();
        foreach (string role in new[] { "cpu", "gpu" })
        {
            var silo = manifests.Silo(role);
            string where = $"{overlay}/{Y.Name(silo)}";
            foreach (string label in new[] { "orleans/serviceId", "orleans/clusterId" })
            {
                Assert.True(Y.Str(silo, "metadata", "labels", label) is { Length: > 0 }, $"{where}: label {label}");
                Assert.True(Y.Str(silo, "spec", "template", "metadata", "labels", label) is { Length: > 0 }, $"{where}: pod label {label}");
            }
            Assert.Contains(Y.Str(silo, "spec", "template", "spec", "serviceAccountName") ?? "", accounts);

            var env = manifests.EffectiveEnv(role);
            Assert.Equal("metadata.name", Y.Str(env["POD_NAME"], "valueFrom", "fieldRef", "fieldPath"));
            Assert.Equal("metadata.namespace", Y.Str(env["POD_NAMESPACE"], "valueFrom", "fieldRef", "fieldPath"));
            Assert.Equal("status.podIP", Y.Str(env["POD_IP"], "valueFrom", "fieldRef", "fieldPath"));
            // ORLEANS_* must equal the pod's orleans/* labels: taken from them, or the same literal.
            foreach (var (variable, label) in new[] { ("ORLEANS_SERVICE_ID", "orleans/serviceId"), ("ORLEANS_CLUSTER_ID", "orleans/clusterId") })
            {
                Assert.True(env.ContainsKey(variable), $"{where}: {variable}");
                string? value = Y.Str(env[variable], "value");
                string? fieldPath = Y.Str(env[variable], "valueFrom", "fieldRef", "fieldPath");
                Assert.True(value == Y.Str(silo, "spec", "template", "metadata", "labels", label) || fieldPath == $"metadata.labels['{label}']",
                    $"{where}: {variable} does not follow label {label}");
            }
            Assert.Equal(Y.Str(silo, "spec", "template", "metadata", "labels", "orleans/serviceId"), Y.Str(env["Cluster__ServiceId"], "value"));
            Assert.Equal(Y.Str(silo, "spec", "template", "metadata", "labels", "orleans/clusterId"), Y.Str(env["Cluster__ClusterId"], "value"));
            Assert.Equal("redis", Y.Str(env["Cluster__Clustering"], "value"));
            Assert.True(env.ContainsKey("Cluster__Redis"), $"{where}: Cluster__Redis");
            Assert.Equal("$(POD_IP)", Y.Str(env["Cluster__AdvertisedAddress"], "value"));
            Assert.Equal(role, Y.Str(env["GeoFlowNetSar__Roles"], "value"));
            Assert.True(env.ContainsKey("Storage__Kind"), $"{where}: Storage__Kind");
            Assert.Equal("/tmp", Y.Str(env["TMPDIR"], "value"));
            Assert.True(Y.Str(env["OTEL_EXPORTER_OTLP_ENDPOINT"], "value") is { Length: > 0 }, $"{where}: OTLP endpoint");

            var container = manifests.SiloContainer(role);
            Assert.Equal("/readyz", Y.Str(container, "readinessProbe", "httpGet", "path"));
            Assert.Equal("/healthz", Y.Str(container, "livenessProbe", "httpGet", "path"));
            Assert.Equal(8080, ContainerPort(container, Y.Str(container, "readinessProbe", "httpGet", "port")));
            Assert.Equal(8080, ContainerPort(container, Y.Str(container, "livenessProbe", "httpGet", "port")));
        }
    }

    private static int ContainerPort(Dictionary<string, object?> container, string? port) =>
        int.TryParse(port, out int number) ? number
            : int.Parse(Y.Str(Y.List(container, "ports").Single(p => Y.Str(p, "name") == port), "containerPort")!);

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Role_is_least_privilege_for_orleans_kubernetes_hosting(string overlay)
    {
        var manifests = Manifests.Of(overlay);
        var role = Assert.Single(manifests.OfKind("Role"));
        var rule = Assert.Single(Y.List(role, "rules"));
        Assert.Equal([""], Y.List(rule, "apiGroups").Cast<string>());
        Assert.Equal(["pods"], Y.List(rule, "resources").Cast<string>());
        Assert.Equal(["delete", "get", "list", "watch"], Y.List(rule, "verbs").Cast<string>().Order());
        Assert.Empty(manifests.OfKind("ClusterRole"));

        var binding = Assert.Single(manifests.OfKind("RoleBinding"));
        Assert.Equal("Role", Y.Str(binding, "roleRef", "kind"));
        Assert.Equal(Y.Name(role), Y.Str(binding, "roleRef", "name"));
        var subject = Assert.Single(Y.List(binding, "subjects"));
        Assert.Equal("ServiceAccount", Y.Str(subject, "kind"));
        Assert.All(manifests.Silos, silo => Assert.Equal(Y.Str(subject, "name"), Y.Str(silo, "spec", "template", "spec", "serviceAccountName")));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Both_silo_roles_have_a_disruption_budget(string overlay)
    {
        var manifests = Manifests.Of(overlay);
        foreach (string role in new[] { "cpu", "gpu" })
        {
            var podLabels = Y.Map(manifests.Silo(role), "spec", "template", "metadata", "labels")!;
            Assert.Contains(manifests.OfKind("PodDisruptionBudget"), pdb =>
                Y.Map(pdb, "spec", "selector", "matchLabels") is { Count: > 0 } match
                && match.All(kv => podLabels.TryGetValue(kv.Key, out var v) && Equals(v, kv.Value))
                && (Y.Get(pdb, "spec", "maxUnavailable") is not null || Y.Get(pdb, "spec", "minAvailable") is not null));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Images_are_pinned_and_the_telemetry_and_client_objects_exist(string overlay)
    {
        var manifests = Manifests.Of(overlay);
        var podSpecs = manifests.Deployments.Select(d => Y.Map(d, "spec", "template", "spec"))
            .Concat(manifests.OfKind("Job").Select(j => Y.Map(j, "spec", "template", "spec")));
        foreach (var pod in podSpecs)
        foreach (var container in Y.List(pod, "containers"))
        {
            string image = Y.Str(container, "image")!;
            Assert.True(DockerfileTests.IsPinned(image), $"{overlay}: image {image} is not pinned by tag");
        }
        Assert.Contains(manifests.Deployments, d => Y.Name(d) == "otel-collector");
        Assert.Contains(manifests.OfKind("Service"), s => Y.Name(s) == "otel-collector");
        Assert.Contains(manifests.OfKind("ConfigMap"), c => Y.Name(c) == "otel-collector" && Y.Str(c, "data", "config.yaml")!.Contains("otlp"));
        var job = Assert.Single(manifests.OfKind("Job"));
        SecurityAssert.Pod(Y.Name(job), Y.Map(job, "spec", "template", "spec")!);
        Assert.Contains("submit", Y.List(job, "spec", "template", "spec", "containers")[0] is { } c ? Y.List(c, "args").Cast<string>() : []);
    }

    [Fact]
    public void Prod_takes_redis_and_storage_from_a_secret_and_gives_the_gpu_silo_a_gpu()
    {
        var prod = Manifests.Of("prod");
        foreach (string role in new[] { "cpu", "gpu" })
        {
            var env = prod.EffectiveEnv(role);
            foreach (string variable in new[] { "Cluster__Redis", "Storage__ConnectionString" })
            {
                Assert.True(env.ContainsKey(variable), $"prod/{role}: {variable} missing");
                Assert.Null(Y.Get(env[variable], "value"));
                Assert.True(Y.Str(env[variable], "valueFrom", "secretKeyRef", "name") is { Length: > 0 }, $"prod/{role}: {variable} is not a secretKeyRef");
            }
            Assert.Equal("azure", Y.Str(env["Storage__Kind"], "value"));
        }
        Assert.Equal("1", Y.Str(prod.EffectiveResources("gpu"), "limits", "nvidia.com/gpu"));
        Assert.Null(Y.Get(prod.EffectiveResources("cpu"), "limits", "nvidia.com/gpu"));
        var gpuPod = prod.EffectivePodSpec("gpu");
        Assert.True(Y.Map(gpuPod, "nodeSelector") is { Count: > 0 }, "prod gpu silo: nodeSelector");
        Assert.Contains(Y.List(gpuPod, "tolerations"), t => Y.Str(t, "key") == "nvidia.com/gpu");
        Assert.Equal("cuda", Y.Str(prod.EffectiveEnv("gpu")["GeoFlowNetSar__Device"], "value"));
        // The Secret is the operator's: prod never ships one.
        Assert.Empty(prod.OfKind("Secret"));
        if (prod.Rendered)
        {
            Assert.True(int.Parse(Y.Str(prod.Silo("cpu"), "spec", "replicas")!) > 1);
            Assert.True(int.Parse(Y.Str(prod.Silo("gpu"), "spec", "replicas")!) > 1);
        }
    }

    [Fact]
    public void Dev_runs_redis_and_azurite_in_cluster_and_needs_no_gpu()
    {
        var dev = Manifests.Of("dev");
        foreach (string name in new[] { "redis", "azurite" })
        {
            Assert.Contains(dev.Deployments, d => Y.Name(d) == name);
            Assert.Contains(dev.OfKind("Service"), s => Y.Name(s) == name);
        }
        foreach (string role in new[] { "cpu", "gpu" })
        {
            Assert.Null(Y.Get(dev.EffectiveResources(role), "limits", "nvidia.com/gpu"));
            Assert.Null(Y.Get(dev.EffectiveResources(role), "requests", "nvidia.com/gpu"));
            Assert.Null(Y.Get(dev.EffectivePodSpec(role), "nodeSelector"));
        }
        if (dev.Rendered)
        {
            Assert.Equal("1", Y.Str(dev.Silo("cpu"), "spec", "replicas"));
            Assert.Equal("1", Y.Str(dev.Silo("gpu"), "spec", "replicas"));
            // The secret the silos reference is generated by the overlay, with the in-cluster endpoints.
            var secret = Assert.Single(dev.OfKind("Secret"));
            Assert.Equal("geoflownet-connections", Y.Name(secret));
        }
    }
}

internal static class SecurityAssert
{
    public static void Pod(string where, Dictionary<string, object?> pod)
    {
        Assert.True(Y.Str(pod, "securityContext", "runAsNonRoot") == "true", $"{where}: pod runAsNonRoot");
        Assert.NotEqual("0", Y.Str(pod, "securityContext", "runAsUser"));
        Assert.True(Y.Str(pod, "securityContext", "seccompProfile", "type") == "RuntimeDefault", $"{where}: pod seccomp RuntimeDefault");
    }

    public static void Container(string where, Dictionary<string, object?> container)
    {
        var context = Y.Map(container, "securityContext");
        Assert.True(context is not null, $"{where}: no securityContext");
        Assert.True(Y.Str(context, "runAsNonRoot") == "true", $"{where}: runAsNonRoot");
        Assert.True(Y.Str(context, "runAsUser") is { } uid && uid != "0", $"{where}: runAsUser must be a non-zero UID");
        Assert.True(Y.Str(context, "readOnlyRootFilesystem") == "true", $"{where}: readOnlyRootFilesystem");
        Assert.True(Y.Str(context, "allowPrivilegeEscalation") == "false", $"{where}: allowPrivilegeEscalation");
        Assert.True(Y.List(context, "capabilities", "drop").Contains("ALL"), $"{where}: capabilities.drop ALL");
        Assert.True(Y.Str(context, "seccompProfile", "type") == "RuntimeDefault", $"{where}: seccomp RuntimeDefault");
        Assert.Null(Y.Get(context, "privileged") is "true" ? "privileged" : null);
        // A read-only root needs a writable /tmp.
        Assert.Contains(Y.List(container, "volumeMounts"), m => Y.Str(m, "mountPath") == "/tmp");
    }
}

public sealed class DashboardTests
{
    // Which metrics the panels query, and that the code emits them, is checked against a real run in
    // GeoFlowNetSar.Cluster.Tests (TelemetryTests); here: the same dashboards ship with kustomize and Helm.
    [Theory]
    [MemberData(nameof(KustomizeTests.Overlays), MemberType = typeof(KustomizeTests))]
    public void Kustomize_renders_the_helm_charts_dashboards_for_the_grafana_sidecar(string overlay)
    {
        var configMap = Manifests.Of(overlay).OfKind("ConfigMap").Single(c => Y.Name(c) == "geoflownet-grafana-dashboards");
        Assert.Equal("1", Y.Str(configMap, "metadata", "labels", "grafana_dashboard"));
        var helmFiles = Directory.GetFiles(Repo.PathOf("helm", "geoflownet-sar", "dashboards"), "*.json").Select(Path.GetFileName).Order().ToArray();
        Assert.NotEmpty(helmFiles);
        Assert.Equal(helmFiles, Y.Map(configMap, "data")!.Keys.Order().ToArray());
        foreach (string file in helmFiles!)
        {
            using var fromKustomize = System.Text.Json.JsonDocument.Parse(Y.Str(configMap, "data", file!)!);
            using var fromHelm = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Repo.PathOf("helm", "geoflownet-sar", "dashboards", file!)));
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(fromHelm.RootElement), System.Text.Json.JsonSerializer.Serialize(fromKustomize.RootElement));
            var panels = fromHelm.RootElement.GetProperty("panels").EnumerateArray().ToList();
            Assert.True(panels.Count(p => p.GetProperty("type").GetString() != "row") >= 15, $"{file}: too few panels");
            Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        }
    }

    [Fact]
    public void The_collector_exports_exemplars_and_resource_labels()
    {
        foreach (string path in new[] { Repo.PathOf("k8s", "base", "otel-collector.yaml"), Repo.PathOf("helm", "geoflownet-sar", "templates", "otel-collector.yaml") })
        {
            string text = File.ReadAllText(path);
            Assert.Contains("enable_open_metrics: true", text);
            Assert.Contains("resource_to_telemetry_conversion:", text);
        }
    }
}
