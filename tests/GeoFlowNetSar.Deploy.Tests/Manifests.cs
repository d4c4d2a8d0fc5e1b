namespace GeoFlowNetSar.Deploy.Tests;

/// <summary>
/// The Kubernetes objects of an overlay. With kubectl: `kubectl kustomize k8s/overlays/&lt;name&gt;` (patches applied).
/// Without: the full objects of k8s/base and the overlay's own resources, unpatched, plus the overlay's patch files
/// (checked separately), so the invariants still hold on what a reviewer reads.
/// </summary>
internal sealed class Manifests
{
    public required string Overlay { get; init; }
    public required bool Rendered { get; init; }
    public required List<Dictionary<string, object?>> Objects { get; init; }
    public required List<Dictionary<string, object?>> Patches { get; init; }

    private static readonly Dictionary<string, Manifests> Cache = [];

    public static Manifests Of(string overlay)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(overlay, out var manifests))
                Cache[overlay] = manifests = Load(overlay);
            return manifests;
        }
    }

    private static Manifests Load(string overlay)
    {
        string overlayDir = Repo.PathOf("k8s", "overlays", overlay);
        var kustomization = Repo.ParseSingle(Path.Combine(overlayDir, "kustomization.yaml"));
        var patches = Y.List(kustomization, "patches")
            .Select(p => p is string s ? s : Y.Str(p, "path"))
            .OfType<string>()
            .SelectMany(p => Repo.ParseDocuments(File.ReadAllText(Path.Combine(overlayDir, p))))
            .ToList();

        if (Repo.Kubectl is { } kubectl)
        {
            var (code, output, error) = Repo.Run(kubectl, "kustomize", overlayDir);
            Assert.True(code == 0, $"kubectl kustomize {overlayDir} failed ({code}): {error}");
            return new Manifests { Overlay = overlay, Rendered = true, Objects = Repo.ParseDocuments(output), Patches = patches };
        }

        var objects = new List<Dictionary<string, object?>>();
        AddResources(overlayDir, objects);
        return new Manifests { Overlay = overlay, Rendered = false, Objects = objects, Patches = patches };
    }

    private static void AddResources(string dir, List<Dictionary<string, object?>> objects)
    {
        var kustomization = Repo.ParseSingle(Path.Combine(dir, "kustomization.yaml"));
        foreach (string resource in Y.List(kustomization, "resources").OfType<string>())
        {
            string path = Path.GetFullPath(Path.Combine(dir, resource));
            if (Directory.Exists(path))
                AddResources(path, objects);
            else
                objects.AddRange(Repo.ParseDocuments(File.ReadAllText(path)));
        }
    }

    public IEnumerable<Dictionary<string, object?>> OfKind(string kind) => Objects.Where(o => Y.Kind(o) == kind);

    public IEnumerable<Dictionary<string, object?>> Deployments => OfKind("Deployment");

    public IEnumerable<Dictionary<string, object?>> Silos =>
        Deployments.Where(d => Y.Str(d, "metadata", "labels", "app.kubernetes.io/component") == "silo");

    public Dictionary<string, object?> Silo(string role) =>
        Silos.Single(d => Y.Str(d, "metadata", "labels", "geoflownet/role") == role);

    /// <summary>The silo's container after the overlay: rendered, or the base merged by hand with the patch's env/resources.</summary>
    public Dictionary<string, object?> SiloContainer(string role) => (Dictionary<string, object?>)Y.List(Silo(role), "spec", "template", "spec", "containers")[0]!;

    public Dictionary<string, object?>? Patch(string deploymentName) =>
        Patches.FirstOrDefault(p => Y.Kind(p) == "Deployment" && Y.Name(p) == deploymentName);

    /// <summary>Pod spec of a silo after the overlay; without kubectl the patch's pod spec (for nodeSelector etc.).</summary>
    public Dictionary<string, object?> EffectivePodSpec(string role) =>
        Rendered ? Y.Map(Silo(role), "spec", "template", "spec")! : Y.Map(Patch(Y.Name(Silo(role))), "spec", "template", "spec") ?? [];

    /// <summary>The silo container's env after the overlay (patch entries override base entries by name).</summary>
    public Dictionary<string, Dictionary<string, object?>> EffectiveEnv(string role)
    {
        var env = Env(SiloContainer(role));
        if (!Rendered && Y.List(Patch(Y.Name(Silo(role))), "spec", "template", "spec", "containers").FirstOrDefault() is { } patched)
            foreach (var (name, entry) in Env(patched))
                env[name] = entry;
        return env;
    }

    /// <summary>The silo container's resources after the overlay.</summary>
    public Dictionary<string, object?> EffectiveResources(string role)
    {
        if (!Rendered && Y.List(Patch(Y.Name(Silo(role))), "spec", "template", "spec", "containers").FirstOrDefault() is { } patched
            && Y.Map(patched, "resources") is { } resources)
            return resources;
        return Y.Map(SiloContainer(role), "resources")!;
    }

    public static Dictionary<string, Dictionary<string, object?>> Env(object? container) =>
        Y.List(container, "env").OfType<Dictionary<string, object?>>().ToDictionary(e => Y.Str(e, "name")!, e => e);
}
