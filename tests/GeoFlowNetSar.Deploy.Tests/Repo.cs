using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace GeoFlowNetSar.Deploy.Tests;

/// <summary>The repository root (the folder holding GeoFlowNetSar.sln) and YAML helpers.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GeoFlowNetSar.sln")))
                return dir.FullName;
        throw new InvalidOperationException("GeoFlowNetSar.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Every document of a (multi-document) YAML text, as plain dictionaries, lists and strings.</summary>
    public static List<Dictionary<string, object?>> ParseDocuments(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents
            .Select(d => ToPlain(d.RootNode))
            .OfType<Dictionary<string, object?>>()
            .ToList();
    }

    public static Dictionary<string, object?> ParseSingle(string path) =>
        ParseDocuments(File.ReadAllText(path)).Single();

    private static object? ToPlain(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ToPlain(kv.Value)),
        YamlSequenceNode seq => seq.Children.Select(ToPlain).ToList(),
        YamlScalarNode scalar => scalar.Value,
        _ => null,
    };

    /// <summary>kubectl on PATH (kustomize built in), or null; DEPLOY_TESTS_NO_KUBECTL=1 forces the file-parsing fallback.</summary>
    public static string? Kubectl { get; } =
        Environment.GetEnvironmentVariable("DEPLOY_TESTS_NO_KUBECTL") == "1" ? null : FindOnPath("kubectl");

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs a program, returns (exit code, stdout, stderr).</summary>
    public static (int Code, string Out, string Err) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 120 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>Navigation over the plain YAML model: Get(doc, "spec", "template", "spec").</summary>
internal static class Y
{
    public static object? Get(object? node, params string[] path)
    {
        foreach (string key in path)
        {
            if (node is not Dictionary<string, object?> map || !map.TryGetValue(key, out node))
                return null;
        }
        return node;
    }

    public static Dictionary<string, object?>? Map(object? node, params string[] path) => Get(node, path) as Dictionary<string, object?>;

    public static List<object?> List(object? node, params string[] path) => Get(node, path) as List<object?> ?? [];

    public static string? Str(object? node, params string[] path) => Get(node, path) as string;

    public static string Kind(Dictionary<string, object?> doc) => Str(doc, "kind") ?? "";

    public static string Name(Dictionary<string, object?> doc) => Str(doc, "metadata", "name") ?? "";
}
