using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GeoFlowNetSar.Storage.Tests;

/// <summary>
/// A real Azurite blob service for tests: `azurite-blob` (npm package installed by scripts/install-deps.sh under
/// .tools/azurite, or the path in GEOFLOWNET_AZURITE_BLOB) on a free loopback port, in memory or in a data folder,
/// killed by PID on dispose. Public so the cluster tests can share it (and stop and restart it: a storage outage).
/// </summary>
public sealed class AzuriteServer : IDisposable
{
    // Azurite's documented development account (not a secret).
    public const string Account = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string? _location;
    private Process _process;

    /// <summary>An Azurite holding its blobs in memory (also an xUnit fixture, which wants one parameterless constructor).</summary>
    public AzuriteServer()
        : this(null)
    {
    }

    private AzuriteServer(string? location)
    {
        _location = location;
        Port = FreeLoopbackPort();
        _process = Launch();
    }

    /// <summary>An Azurite keeping its data in <paramref name="location"/>, so that after <see cref="Stop"/> it <see cref="Restart"/>s with its blobs.</summary>
    public static AzuriteServer WithDataIn(string location) => new(location);

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
    }

    /// <summary>
    /// Stops the server by PID with SIGTERM and waits for it to exit: an outage. SIGTERM rather than SIGKILL because
    /// Azurite saves its blob index only every 5 s, so a SIGKILL would lose blobs already acknowledged — which the real
    /// service never does; what matters here is that the service is gone.
    /// </summary>
    public void Stop()
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString()]) { UseShellExecute = false }))
            kill?.WaitForExit(10_000);
        if (!_process.WaitForExit(30_000)) throw new TimeoutException($"azurite-blob (PID {_process.Id}) did not stop within 30 s.");
    }

    /// <summary>Starts the server again on the same port and data folder (after <see cref="Stop"/>).</summary>
    public void Restart()
    {
        if (!_process.HasExited) throw new InvalidOperationException("Azurite is still running.");
        _process.Dispose();
        _process = Launch();
    }

    private Process Launch()
    {
        string executable = FindExecutable();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(), "--disableTelemetry", "--skipApiVersionCheck", "--loose" })
            start.ArgumentList.Add(argument);
        if (_location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(_location);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        WaitUntilListening(process, output);
        return process;
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

    private void WaitUntilListening(Process process, System.Text.StringBuilder output)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"azurite-blob exited with code {process.ExitCode}: {Snapshot(output)}");
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
        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"azurite-blob did not listen on 127.0.0.1:{Port} within 60 s: {Snapshot(output)}");
    }

    private static string Snapshot(System.Text.StringBuilder output)
    {
        lock (output) return output.ToString();
    }
}
