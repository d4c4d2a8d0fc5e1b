using GeoFlowNetSar.Cli.Terminal;

namespace GeoFlowNetSar.Cli.Estimation;

/// <summary>Checks the output path before any work starts, so a long run never ends in an unwritable place.</summary>
public static class OutputPathGuard
{
    public static string Check(string output, bool overwrite)
    {
        if (string.IsNullOrWhiteSpace(output)) throw new CliInputException("--out is empty.");
        string full = Path.GetFullPath(output);
        string directory = Path.GetDirectoryName(full) ?? ".";
        if (Directory.Exists(full))
            throw new CliInputException($"{output}: is a directory; give a file name such as {Path.Combine(output, "displacement.tif")}.");
        if (!Directory.Exists(directory))
            throw new CliInputException($"{output}: the output directory '{directory}' does not exist.");
        if (File.Exists(full) && !overwrite)
            throw new CliInputException($"{output}: the file exists; pass --overwrite to replace it.");
        ProbeWritable(directory, output);
        return full;
    }

    private static void ProbeWritable(string directory, string output)
    {
        string probe = Path.Combine(directory, $".geoflownet-write-probe-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception error) when (error is UnauthorizedAccessException or IOException)
        {
            throw new CliInputException($"{output}: the output directory '{directory}' is not writable ({error.Message}).");
        }
    }
}
