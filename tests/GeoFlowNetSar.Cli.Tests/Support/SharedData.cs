namespace GeoFlowNetSar.Cli.Tests.Support;

/// <summary>The real SAR fixtures in shared/data beside the repository (or GEOFLOWNET_SHARED_DATA).</summary>
internal static class SharedData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var configured = Environment.GetEnvironmentVariable("GEOFLOWNET_SHARED_DATA");
        if (!string.IsNullOrEmpty(configured)) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("shared/data not found above the test binaries; set GEOFLOWNET_SHARED_DATA.");
    });

    public static string File(string name) => Path.Combine(Root.Value, name);

    public static string SafeMeasurement => Directory
        .GetFiles(Path.Combine(Root.Value, "sentinel1-iw-slc-safe"), "*.tiff", SearchOption.AllDirectories)
        .Single();
}
