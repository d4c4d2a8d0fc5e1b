namespace GeoFlowNetSar.Cli.Synthesis;

/// <summary>The process's peak resident set size (VmHWM in /proc/self/status), for the run summaries.</summary>
public static class ProcessMemory
{
    /// <summary>Peak RSS in bytes, or null where /proc is not available.</summary>
    public static long? PeakResidentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var parts = line["VmHWM:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException)
        {
        }
        return null;
    }

    public static string Describe() => PeakResidentBytes() is { } bytes ? $", peak RSS {bytes / 1048576.0:F0} MiB" : "";
}
