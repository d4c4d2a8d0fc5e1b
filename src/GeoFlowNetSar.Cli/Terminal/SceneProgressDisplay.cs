using GeoFlowNetSar.Pipeline.Scenes;
using Spectre.Console;

namespace GeoFlowNetSar.Cli.Terminal;

/// <summary>
/// Runs a scene with a Spectre.Console progress bar (windows done, elapsed, remaining) on an interactive
/// terminal; when output is redirected (CI, pipes) the work runs without the live display.
/// </summary>
public static class SceneProgressDisplay
{
    public static SceneReport Run(string title, Func<IProgress<SceneProgress>, SceneReport> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
            return work(new Progress<SceneProgress>(_ => { }));

        SceneReport? report = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                var progress = new SynchronousProgress<SceneProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.WindowsTotal);
                    task.Value = p.WindowsDone;
                });
                report = work(progress);
                task.Value = task.MaxValue;
            });
        return report!;
    }
}
