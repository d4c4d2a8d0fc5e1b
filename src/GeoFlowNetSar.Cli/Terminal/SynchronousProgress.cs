namespace GeoFlowNetSar.Cli.Terminal;

/// <summary>
/// Reports on the calling thread. Progress&lt;T&gt; posts to the thread pool, so a bar driven by it lags behind work
/// that runs on this thread and may still be updating after the work returned.
/// </summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
