using System.CommandLine;
using GeoFlowNetSar.Grains.Contracts;
using GeoFlowNetSar.Storage;
using Spectre.Console;

namespace GeoFlowNetSar.Client;

/// <summary>submit, status, list, download, cancel.</summary>
public static class Commands
{
    public static Command Submit(ConnectionOptions connection)
    {
        var scene = new Option<string>("--scene") { Description = "Scene id (letters, digits, - _ .).", Required = true };
        var pre = new Option<string>("--pre") { Description = "PRE image: a local file (uploaded to inputs/<scene>/) or a blob name.", Required = true };
        var post = new Option<string>("--post") { Description = "POST image: a local file (uploaded) or a blob name.", Required = true };
        var method = new Option<string>("--method") { DefaultValueFactory = _ => "frequency", Description = "frequency, unet, …" };
        var window = new Option<int?>("--window") { Description = "Window edge in pixels (method default when absent)." };
        var step = new Option<int?>("--step") { Description = "Grid step in pixels (method default when absent)." };
        var units = new Option<string>("--units") { DefaultValueFactory = _ => "px", Description = "px or m." };
        units.AcceptOnlyFromAmong("px", "m");
        var rangeSpacing = new Option<double?>("--range-spacing") { Description = "Range pixel spacing (m) for --units m." };
        var azimuthSpacing = new Option<double?>("--azimuth-spacing") { Description = "Azimuth pixel spacing (m) for --units m." };
        var uncertainty = new Option<bool>("--uncertainty") { Description = "Also write sigma_dx, sigma_dy." };
        var coarse = new Option<string>("--coarse")
        {
            Description = "unet: remove a coarse per-window offset before the network (auto) or never (off).",
            DefaultValueFactory = _ => "auto",
        };
        coarse.AcceptOnlyFromAmong("auto", "off");
        var flipAverage = new Option<string>("--flip-average")
        {
            Description = "unet: average the predictions of the four range/azimuth mirror images (on) or use one (off).",
            DefaultValueFactory = _ => "on",
        };
        flipAverage.AcceptOnlyFromAmong("on", "off");
        var chunk = new Option<int?>("--chunk-size") { Description = "Chunk edge in pixels (default from a memory budget); never changes the result." };
        var band = new Option<int>("--band") { DefaultValueFactory = _ => 1 };
        var db = new Option<bool>("--db") { Description = "Inputs are dB backscatter." };
        var noCog = new Option<bool>("--no-cog") { Description = "Plain tiled GeoTIFF instead of a Cloud-Optimized one." };
        var wait = new Option<bool>("--wait") { Description = "Follow the scene until it finishes." };
        var command = new Command("submit", "Submit a scene (PRE/POST pair) to the cluster.")
        {
            scene, pre, post, method, window, step, units, rangeSpacing, azimuthSpacing, uncertainty, coarse, flipAverage, chunk, band, db, noCog, wait,
        };
        command.SetAction((parse, token) => Run(async () =>
        {
            string id = parse.GetValue(scene)!;
            if (!SceneLayout.IsValidSceneId(id)) throw new ClientInputException($"--scene '{id}': use 1-64 letters, digits, '-', '_' or '.'.");
            var store = connection.CreateStore(parse);
            // Inputs checked, then the cluster reached, then files uploaded: a mistake leaves nothing behind.
            await CheckInputAsync(store, "pre", parse.GetValue(pre)!, token);
            await CheckInputAsync(store, "post", parse.GetValue(post)!, token);
            var (host, client) = await connection.ConnectAsync(parse, token);
            using (host)
            {
                string preBlob = await Stage(store, id, "pre", parse.GetValue(pre)!, token);
                string postBlob = await Stage(store, id, "post", parse.GetValue(post)!, token);
                var grain = client.GetGrain<ISceneGrain>(id);
                var status = await client.SubmitSceneAsync(new SceneRequest
                {
                    SceneId = id, PreBlob = preBlob, PostBlob = postBlob, Method = parse.GetValue(method)!,
                    Window = parse.GetValue(window), Step = parse.GetValue(step), Units = parse.GetValue(units)!,
                    RangeSpacing = parse.GetValue(rangeSpacing), AzimuthSpacing = parse.GetValue(azimuthSpacing),
                    Uncertainty = parse.GetValue(uncertainty), Coarse = parse.GetValue(coarse)!,
                    FlipAverage = parse.GetValue(flipAverage) != "off", ChunkSize = parse.GetValue(chunk), Band = parse.GetValue(band),
                    InputIsDecibels = parse.GetValue(db), CloudOptimized = !parse.GetValue(noCog),
                });
                Console.WriteLine(StatusView.Line(status));
                if (!parse.GetValue(wait)) return 0;
                status = await StatusView.FollowAsync(grain, token);
                StatusView.Print(status);
                return ExitCode(status);
            }
        }, token));
        return command;
    }

    public static Command Status(ConnectionOptions connection)
    {
        var scene = new Option<string>("--scene") { Required = true };
        var watch = new Option<bool>("--watch") { Description = "Follow the scene until it finishes." };
        var command = new Command("status", "Show a scene's state, progress and results.") { scene, watch };
        command.SetAction((parse, token) => Run(async () =>
        {
            var (host, client) = await connection.ConnectAsync(parse, token);
            using (host)
            {
                var grain = client.GetGrain<ISceneGrain>(parse.GetValue(scene)!);
                var status = parse.GetValue(watch) ? await StatusView.FollowAsync(grain, token) : await grain.GetStatus();
                StatusView.Print(status);
                return ExitCode(status);
            }
        }, token));
        return command;
    }

    public static Command List(ConnectionOptions connection)
    {
        var command = new Command("list", "List the scenes submitted to the cluster.");
        command.SetAction((parse, token) => Run(async () =>
        {
            var (host, client) = await connection.ConnectAsync(parse, token);
            using (host)
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumns("scene", "state", "method", "tiles", "reason");
                foreach (var id in await client.GetGrain<ISceneCatalogGrain>(ISceneCatalogGrain.Key).List())
                {
                    var status = await client.GetGrain<ISceneGrain>(id).GetStatus();
                    table.AddRow(Markup.Escape(id), status.State.ToString(), Markup.Escape(status.Method ?? ""),
                        $"{status.TilesDone}/{status.TilesTotal}", Markup.Escape(status.Reason ?? ""));
                }
                AnsiConsole.Write(table);
                return 0;
            }
        }, token));
        return command;
    }

    public static Command Download(ConnectionOptions connection)
    {
        var scene = new Option<string>("--scene") { Required = true };
        var output = new Option<string?>("--out") { Description = "Folder to write into (default ./<scene>)." };
        var command = new Command("download", "Download a finished scene's results (displacement.tif, quicklook.png, report.json).") { scene, output };
        command.SetAction((parse, token) => Run(async () =>
        {
            string id = parse.GetValue(scene)!;
            var store = connection.CreateStore(parse);
            var results = await store.ListAllAsync(SceneLayout.ResultsPrefix(id), token);
            if (!results.Any(r => r.Name.EndsWith(SceneLayout.ReportName, StringComparison.Ordinal)))
                throw new ClientInputException($"Scene '{id}' has no finished results in {store.Description} (see: status --scene {id}).");
            string folder = Path.GetFullPath(parse.GetValue(output) ?? id);
            Directory.CreateDirectory(folder);
            foreach (var blob in results)
            {
                string target = Path.Combine(folder, blob.Name[SceneLayout.ResultsPrefix(id).Length..].Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await store.DownloadToFileAsync(blob.Name, target, token);
                Console.WriteLine($"{target} ({blob.Length:N0} bytes)");
            }
            return 0;
        }, token));
        return command;
    }

    public static Command Cancel(ConnectionOptions connection)
    {
        var scene = new Option<string>("--scene") { Required = true };
        var command = new Command("cancel", "Cancel a running scene (no result is written).") { scene };
        command.SetAction((parse, token) => Run(async () =>
        {
            var (host, client) = await connection.ConnectAsync(parse, token);
            using (host)
            {
                var status = await client.GetGrain<ISceneGrain>(parse.GetValue(scene)!).Cancel();
                Console.WriteLine(StatusView.Line(status));
                return status.State == SceneState.Cancelled ? 0 : ExitCode(status);
            }
        }, token));
        return command;
    }

    // A local file is uploaded; anything else must name a blob the cluster can read.
    private static async Task CheckInputAsync(IBlobStore store, string role, string input, CancellationToken token)
    {
        if (File.Exists(input) || (IsBlobName(input) && await store.GetInfoAsync(input, token) is not null)) return;
        throw new ClientInputException($"--{role} '{input}': no such file, and no blob of that name in {store.Description}.");
    }

    private static async Task<string> Stage(IBlobStore store, string scene, string role, string input, CancellationToken token)
    {
        if (!File.Exists(input)) return input;
        string blob = $"inputs/{scene}/{role}{Path.GetExtension(input)}";
        Console.WriteLine($"uploading {input} to {blob} in {store.Description}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await store.UploadFileAsync(blob, input, token);
        // bench/cluster/compare.sh reports the upload share of a submission from these lines.
        double megabytes = new FileInfo(input).Length / 1e6, seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"uploaded {blob}: {megabytes:F1} MB in {seconds:F2} s ({megabytes / Math.Max(seconds, 1e-6):F0} MB/s)");
        return blob;
    }

    private static bool IsBlobName(string name)
    {
        try
        {
            BlobNames.Validate(name);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int ExitCode(SceneStatus status) => status.State switch
    {
        SceneState.Done => 0,
        SceneState.Failed => 3,
        SceneState.Cancelled => 130,
        _ => 0,
    };

    private static async Task<int> Run(Func<Task<int>> body, CancellationToken token)
    {
        try
        {
            return await body();
        }
        catch (ClientInputException error)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return 2;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            Console.Error.WriteLine("interrupted (the scene keeps running; cancel it with: cancel --scene <id>).");
            return 130;
        }
        catch (Exception error) when (error is Orleans.Runtime.OrleansException or Orleans.Runtime.SiloUnavailableException or System.Net.Sockets.SocketException or Orleans.Runtime.Messaging.ConnectionFailedException)
        {
            Console.Error.WriteLine($"error: cannot reach the cluster: {error.Message}");
            return 4;
        }
        catch (Exception error)
        {
            Console.Error.WriteLine($"internal error: {error.GetType().Name}: {error.Message}");
            return 70;
        }
    }
}
