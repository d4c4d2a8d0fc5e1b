using Spectre.Console;

namespace GeoFlowNetSar.Cli.Synthesis;

/// <summary>A progress bar on an interactive terminal; plain lines every 10 % otherwise (CI, pipes).</summary>
public static class SynthProgress
{
    /// <param name="work">Runs the job, reporting (done, total).</param>
    public static T Run<T>(string title, Func<Action<long, long>, T> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            int lastDecile = -1;
            var gate = new Lock();
            return work((done, total) =>
            {
                int decile = total > 0 ? (int)(10 * done / total) : 10;
                lock (gate)
                {
                    if (decile <= lastDecile) return;
                    lastDecile = decile;
                }
                Console.WriteLine($"{title}: {done:N0}/{total:N0}");
            });
        }

        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                result = work((done, total) =>
                {
                    task.MaxValue = Math.Max(1, total);
                    task.Value = done;
                });
                task.Value = task.MaxValue;
            });
        return result;
    }
}
