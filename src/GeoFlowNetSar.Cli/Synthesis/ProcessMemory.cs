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

    /// <summary>
    /// Restarts the peak-RSS count at the current RSS (Linux: "5" to /proc/self/clear_refs), so the next
    /// <see cref="PeakResidentBytes"/> is the peak of what ran in between; false where that is not possible.
    /// </summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static string Describe() => PeakResidentBytes() is { } bytes ? $", peak RSS {bytes / 1048576.0:F0} MiB" : "";
}
