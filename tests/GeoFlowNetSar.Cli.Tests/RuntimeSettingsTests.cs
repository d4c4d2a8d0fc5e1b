using System.Text.Json;

namespace GeoFlowNetSar.Cli.Tests;

/// <summary>
/// The runtime settings the shipped console is measured with (Directory.Build.targets): a GC that returns freed
/// large-object segments, and no dynamic PGO (its background re-JIT takes a core from libtorch on small machines).
/// </summary>
public class RuntimeSettingsTests
{
    [Fact]
    public void TheConsoleRunsWithoutDynamicPgoAndWithTheConservingGc()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "geoflownet.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
        Assert.Equal(7, properties.GetProperty("System.GC.ConserveMemory").GetInt32());
    }
}
