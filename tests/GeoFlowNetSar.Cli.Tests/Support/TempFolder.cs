namespace GeoFlowNetSar.Cli.Tests.Support;

internal sealed class TempFolder : IDisposable
{
    public TempFolder() => System.IO.Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"geoflownet-cli-{Guid.NewGuid():N}");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Every file in the folder, hidden temporaries included (nothing half-written may stay behind).</summary>
    public string[] Files() => System.IO.Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).ToArray()!;

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
