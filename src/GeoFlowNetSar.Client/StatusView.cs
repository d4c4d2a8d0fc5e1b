using GeoFlowNetSar.Grains.Contracts;
using Spectre.Console;

namespace GeoFlowNetSar.Client;

/// <summary>Shows a scene's status: a live progress bar on a terminal, one line per change otherwise.</summary>
public static class StatusView
{
    public static async Task<SceneStatus> FollowAsync(ISceneGrain scene, CancellationToken cancellationToken)
    {
        var status = await scene.GetStatus();
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            string last = "";
            while (true)
            {
                string line = Line(status);
                if (line != last) Console.WriteLine(line);
                last = line;
                if (status.IsFinished) return status;
                await Task.Delay(500, cancellationToken);
                status = await scene.GetStatus();
            }
        }

        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(status.SceneId), maxValue: 1);
                while (true)
                {
                    task.MaxValue = Math.Max(1, status.TilesTotal);
                    task.Value = status.TilesDone;
                    task.Description = Markup.Escape($"{status.SceneId} {status.State} {Detail(status)}");
                    if (status.IsFinished) break;
                    await Task.Delay(300, cancellationToken);
                    status = await scene.GetStatus();
                }
            });
        return status;
    }

    public static string Line(SceneStatus status) =>
        $"{status.SceneId}: {status.State}{(status.Reason is null ? "" : $" ({status.Reason})")} {Detail(status)}".TrimEnd();

    public static string Detail(SceneStatus status)
    {
        if (status.TilesTotal == 0) return string.Empty;
        string text = $"tiles {status.TilesDone}/{status.TilesTotal}";
        if (status.TilesReused > 0) text += $" ({status.TilesReused} reused)";
        if (status.MegapixelsPerSecond > 0) text += $", {status.MegapixelsPerSecond:F2} Mpx/s";
        if (status.EstimatedRemaining is { } eta && !status.IsFinished) text += $", ETA {eta:hh\\:mm\\:ss}";
        return text;
    }

    public static void Print(SceneStatus status)
    {
        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumns("", "");
        table.AddRow("scene", Markup.Escape(status.SceneId));
        table.AddRow("state", Markup.Escape(status.State.ToString()));
        if (status.Reason is not null) table.AddRow("reason", Markup.Escape(status.Reason));
        if (status.Method is not null) table.AddRow("method", Markup.Escape(status.Method));
        if (status.Width > 0) table.AddRow("size", $"{status.Width} x {status.Height}");
        if (status.Coordinator is not null) table.AddRow("coordinator", Markup.Escape(status.Coordinator));
        table.AddRow("tiles", Markup.Escape($"{status.TilesDone}/{status.TilesTotal}, {status.TilesReused} reused, {status.TileRetries} retried"));
        if (status.MegapixelsPerSecond > 0) table.AddRow("speed", $"{status.MegapixelsPerSecond:F2} Mpx/s");
        foreach (var (silo, count) in status.TilesPerSilo.OrderBy(p => p.Key)) table.AddRow($"  on {Markup.Escape(silo)}", count.ToString());
        foreach (var result in status.Results) table.AddRow("result", Markup.Escape(result));
        AnsiConsole.Write(table);
    }
}
