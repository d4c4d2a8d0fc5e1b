using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GeoFlowNetSar.Storage.Tests;

/// <summary>
/// A real Azurite blob service for tests: `azurite-blob` (npm package installed by scripts/install-deps.sh under
/// .tools/azurite, or the path in GEOFLOWNET_AZURITE_BLOB) on a free loopback port, in memory, killed by PID on
/// dispose. Public so the cluster tests can share it.
/// </summary>
public sealed class AzuriteServer : IDisposable
{
    // Azurite's documented development account (not a secret).
    public const string Account = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly string _log;

    public AzuriteServer()
    {
        string executable = FindExecutable();
        Port = FreeLoopbackPort();
        _log = Path.Combine(Path.GetTempPath(), $"azurite-{Guid.NewGuid():N}.log");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
                 {
                     "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(), "--disableTelemetry", "--skipApiVersionCheck",
                     "--inMemoryPersistence", "--loose",
                 })
            start.ArgumentList.Add(argument);
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var output = new System.Text.StringBuilder();
        _process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening(output);
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/{Account};";

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        File.Delete(_log);
    }

    public static string FindExecutable()
    {
        string? configured = Environment.GetEnvironmentVariable("GEOFLOWNET_AZURITE_BLOB");
        if (!string.IsNullOrEmpty(configured)) return configured;
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, ".tools", "azurite", "node_modules", ".bin", "azurite-blob");
            if (File.Exists(candidate)) return candidate;
            if (File.Exists(Path.Combine(folder.FullName, "GeoFlowNetSar.sln"))) break;
        }
        throw new InvalidOperationException(
            "azurite-blob was not found under .tools/azurite: run scripts/install-deps.sh (installs the npm package azurite), " +
            "or set GEOFLOWNET_AZURITE_BLOB to its path.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WaitUntilListening(System.Text.StringBuilder output)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"azurite-blob exited with code {_process.ExitCode}: {Snapshot(output)}");
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        Dispose();
        throw new TimeoutException($"azurite-blob did not listen on 127.0.0.1:{Port} within 60 s: {Snapshot(output)}");
    }

    private static string Snapshot(System.Text.StringBuilder output)
    {
        lock (output) return output.ToString();
    }
}
