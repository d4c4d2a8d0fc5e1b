namespace GeoFlowNetSar.Bench;

/// <summary>Peak resident set size of this process (Linux VmHWM), the figure the memory goals are stated in.</summary>
internal static class Rss
{
    public static double PeakMegabytes() => File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
        .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])).Single() / 1024.0;
}
