using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GeoFlowNetSar.Cluster.Tests;

/// <summary>A child process for the multi-process tests, with its output kept for failure messages; killed by PID.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public ChildProcess(string executable, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"The process did not exit within {timeout}: {Output}");
        }
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown, as when a machine dies.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitForPortAsync(int port, ChildProcess process, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"The process exited: {process.Output}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"Nothing listens on port {port} after {timeout}: {process.Output}");
    }

    /// <summary>The repository root (the folder holding GeoFlowNetSar.sln).</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "GeoFlowNetSar.sln"))) return folder.FullName;
        throw new InvalidOperationException("GeoFlowNetSar.sln not found above the test binaries.");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            if (_output.Length < 200_000) _output.AppendLine(line);
        }
    }
}

/// <summary>Debian's redis-server (installed by scripts/install-deps.sh) on a free loopback port, in memory only.</summary>
public sealed class RedisServer : IDisposable
{
    private readonly ChildProcess _process;

    public RedisServer()
    {
        Port = ChildProcess.FreePort();
        string executable = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server"
            : throw new InvalidOperationException("redis-server is not installed: run scripts/install-deps.sh.");
        _process = new ChildProcess(executable,
            ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no", "--daemonize", "no"]);
        ChildProcess.WaitForPortAsync(Port, _process, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public void Dispose() => _process.Dispose();
}

/// <summary>One geoflownet-silo process (the real executable) on Redis clustering and a shared local blob folder.</summary>
public sealed class SiloProcess : IDisposable
{
    private readonly ChildProcess _process;

    public SiloProcess(string name, string clusterId, RedisServer redis, string blobFolder, string roles)
    {
        Name = name;
        SiloPort = ChildProcess.FreePort();
        GatewayPort = ChildProcess.FreePort();
        _process = new ChildProcess(Executable(),
        [
            "--Cluster:Clustering=redis", $"--Cluster:Redis={redis.ConnectionString}", $"--Cluster:ClusterId={clusterId}",
            $"--Cluster:ServiceId={clusterId}", $"--Cluster:SiloName={name}", $"--Cluster:SiloPort={SiloPort}",
            $"--Cluster:GatewayPort={GatewayPort}", "--Cluster:HealthPort=0", "--Storage:Kind=local", $"--Storage:Folder={blobFolder}",
            $"--GeoFlowNetSar:Roles={roles}", "--GeoFlowNetSar:TorchThreads=1", "--GeoFlowNetSar:MaxConcurrentTiles=2",
            $"--GeoFlowNetSar:WorkFolder={Path.Combine(blobFolder, "..", "scratch", name)}",
            // Fast failure detection, so that a killed silo is declared dead in seconds; one vote suffices with two silos.
            "--Membership:ProbeTimeout=00:00:02", "--Membership:NumMissedProbesLimit=3", "--Membership:NumVotesForDeathDeclaration=1",
            "--Membership:TableRefreshTimeout=00:00:02", "--Membership:IAmAliveTablePublishTimeout=00:00:02",
            "--Logging:LogLevel:Default=Warning",
        ]);
    }

    public string Name { get; }
    public int SiloPort { get; }
    public int GatewayPort { get; }
    public string Output => _process.Output;

    public Task WaitUntilListeningAsync() => ChildProcess.WaitForPortAsync(GatewayPort, _process, TimeSpan.FromSeconds(90));

    public void Kill() => _process.Kill();

    public void Dispose() => _process.Dispose();

    private static string Executable()
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        string path = Path.Combine(ChildProcess.RepositoryRoot(), "src", "GeoFlowNetSar.Silo", "bin", configuration, "net10.0", "linux-x64", "geoflownet-silo");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is not built (build GeoFlowNetSar.Silo first).");
    }
}
