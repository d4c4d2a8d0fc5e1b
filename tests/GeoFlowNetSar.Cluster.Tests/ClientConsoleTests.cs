using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Grains.Contracts;
using GeoFlowNetSar.Pipeline.Scenes;
using GeoFlowNetSar.Pipeline.Stitching;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Raster.Writing;
using Xunit.Abstractions;

namespace GeoFlowNetSar.Cluster.Tests;

/// <summary>
/// One geoflownet-silo process on Redis clustering with a local blob folder: the in-process test clusters talk over an
/// in-memory transport that a separate client process cannot reach.
/// </summary>
public sealed class ClientTestCluster : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("geoflownet-client-cluster-").FullName;
    private RedisServer? _redis;
    private SiloProcess? _silo;

    public string ClusterId { get; } = $"client-{Guid.NewGuid():N}";
    public string BlobFolder => Path.Combine(_folder, "blobs");
    public IBlobStore Store => new LocalFolderBlobStore(BlobFolder);
    public RedisServer Redis => _redis ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _redis = new RedisServer();
        _silo = new SiloProcess("client-silo", ClusterId, _redis, BlobFolder, "cpu");
        await _silo.WaitUntilListeningAsync();
    }

    public Task DisposeAsync()
    {
        _silo?.Dispose();
        _redis?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }
}

/// <summary>The geoflownet-client executable end to end: submit --wait, download, and its errors.</summary>
public sealed class ClientConsoleTests(ClientTestCluster cluster, ITestOutputHelper output) : IClassFixture<ClientTestCluster>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("geoflownet-client-test-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Submit_wait_and_download_exit_0_with_the_embedded_mosaic_written()
    {
        var (pre, post) = SceneInputs.Speckle(224, 160, seed: 47);
        string prePath = Path.Combine(_folder, "pre.tif"), postPath = Path.Combine(_folder, "post.tif"), results = Path.Combine(_folder, "results");
        GeoTiffWriter.WriteFloat32(prePath, [pre]);
        GeoTiffWriter.WriteFloat32(postPath, [post]);

        var (submitted, submitOutput) = await RunClientAsync(
            "submit", "--scene", "client-e2e", "--pre", prePath, "--post", postPath, "--method", "frequency",
            "--window", "64", "--step", "16", "--chunk-size", "96", "--wait", "--trace-console");
        Assert.True(submitted == 0, $"submit exited {submitted}: {submitOutput}");
        Assert.Contains("Done", submitOutput);
        // Both local files were uploaded, each reported with its size in MB and the time it took.
        var uploads = System.Text.RegularExpressions.Regex.Matches(submitOutput, @"uploaded inputs/client-e2e/(pre|post)\.tif: ([0-9.]+) MB in [0-9.]+ s");
        Assert.Equal(["post", "pre"], uploads.Select(m => m.Groups[1].Value).Order());
        Assert.All(uploads, m => Assert.Equal((new FileInfo(m.Groups[1].Value == "pre" ? prePath : postPath).Length / 1e6).ToString("F1"), m.Groups[2].Value));
        // --trace-console: the client's scene.submit span, and Orleans' span for the Submit call it made in the same trace
        // (the status polls of --wait are traces of their own).
        var spans = System.Text.RegularExpressions.Regex.Matches(submitOutput, @"Activity\.TraceId:\s+([0-9a-f]{32})[\s\S]*?Activity\.DisplayName:\s+(\S+)")
            .Select(m => (Trace: m.Groups[1].Value, Name: m.Groups[2].Value)).ToList();
        var submitSpan = Assert.Single(spans, s => s.Name == "scene.submit");
        Assert.Contains(spans, s => s.Trace == submitSpan.Trace && s.Name.EndsWith("/Submit", StringComparison.Ordinal));
        var (downloaded, downloadOutput) = await RunClientAsync("download", "--scene", "client-e2e", "--out", results);
        Assert.True(downloaded == 0, $"download exited {downloaded}: {downloadOutput}");

        string mosaic = Path.Combine(results, SceneLayout.MosaicName);
        Assert.True(File.Exists(Path.Combine(results, SceneLayout.ReportName)));
        using var estimator = EstimatorCatalog.Default.Create("frequency", new EstimatorSettings(64, 16, Threads: 1));
        var expected = new InMemoryDisplacementSink(224, 160, DisplacementBands.Names(false));
        ScenePipeline.Run(new InMemoryAmplitudeSource(pre), new InMemoryAmplitudeSource(post), estimator, expected,
            new SceneOptions(new MosaicOptions(), ChunkSize: 96));
        foreach (var (band, name) in new[] { (1, "dx"), (2, "dy") })
        {
            using var source = GdalAmplitudeSource.Open(mosaic, new AmplitudeReadOptions { Band = band });
            double diff = DisplacementMetrics.MaxAbsDifference(source.ReadImage().Pixels, expected.Band(name).Pixels);
            Assert.True(diff <= 1e-6, $"{name}: max |diff| = {diff}");
        }
    }

    [Fact]
    public async Task A_missing_input_file_is_one_clear_error_and_nothing_is_submitted()
    {
        string missing = Path.Combine(_folder, "no-such-pre.tif");
        string postPath = Path.Combine(_folder, "post.tif");
        GeoTiffWriter.WriteFloat32(postPath, [SceneInputs.Speckle(64, 64).Post]);

        var (exit, text) = await RunClientAsync("submit", "--scene", "client-bad", "--pre", missing, "--post", postPath, "--wait");

        Assert.Equal(2, exit);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal($"error: --pre '{missing}': no such file, and no blob of that name in {cluster.Store.Description}.", Assert.Single(lines));
        Assert.Empty(await cluster.Store.ListAllAsync("inputs/client-bad/"));
        var (status, statusText) = await RunClientAsync("status", "--scene", "client-bad");
        Assert.Equal(0, status);
        Assert.Contains("never submitted", statusText);
    }

    [Fact]
    public async Task An_unreachable_cluster_is_one_clear_error_and_nothing_is_uploaded()
    {
        string prePath = Path.Combine(_folder, "pre.tif");
        GeoTiffWriter.WriteFloat32(prePath, [SceneInputs.Speckle(64, 64).Pre]);
        int nobody = ChildProcess.FreePort();

        var (exit, text) = await RunClientAsync(["submit", "--scene", "client-nowhere", "--pre", prePath, "--post", prePath, "--connect-timeout", "3"],
            $"--gateway=127.0.0.1:{nobody}");

        Assert.Equal(2, exit);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal($"error: cannot reach the cluster through gateway 127.0.0.1:{nobody} (cluster id '{cluster.ClusterId}') within 3 s.", Assert.Single(lines));
        Assert.Empty(await cluster.Store.ListAllAsync("inputs/client-nowhere/"));
    }

    [Fact]
    public async Task A_scene_the_cluster_refuses_exits_non_zero_with_the_reason()
    {
        string prePath = Path.Combine(_folder, "pre.tif"), postPath = Path.Combine(_folder, "post.tif");
        var (pre, post) = SceneInputs.Speckle(64, 64);
        GeoTiffWriter.WriteFloat32(prePath, [pre]);
        GeoTiffWriter.WriteFloat32(postPath, [post]);

        var (exit, text) = await RunClientAsync("submit", "--scene", "client-magic", "--pre", prePath, "--post", postPath, "--method", "magic", "--wait");

        Assert.Equal(3, exit);
        Assert.Contains("Failed", text);
        Assert.Contains("Unknown method 'magic'", text);
    }

    private Task<(int ExitCode, string Output)> RunClientAsync(params string[] arguments) =>
        RunClientAsync(arguments, $"--redis={cluster.Redis.ConnectionString}");

    private async Task<(int ExitCode, string Output)> RunClientAsync(string[] arguments, string clustering)
    {
        using var client = new ChildProcess(Executable(),
        [
            .. arguments, clustering, "--cluster-id", cluster.ClusterId, "--service-id", cluster.ClusterId,
            "--storage", "local", "--storage-folder", cluster.BlobFolder,
        ]);
        int exit = await client.WaitForExitAsync(TimeSpan.FromSeconds(120));
        output.WriteLine($"geoflownet-client {string.Join(' ', arguments)} → {exit}\n{client.Output}");
        return (exit, client.Output);
    }

    private static string Executable()
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        string path = Path.Combine(ChildProcess.RepositoryRoot(), "src", "GeoFlowNetSar.Client", "bin", configuration, "net10.0", "linux-x64", "geoflownet-client");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is not built (build GeoFlowNetSar.Client first).");
    }
}
