using GeoFlowNetSar.Cli.Terminal;

namespace GeoFlowNetSar.Cli.Synthesis;

/// <summary>
/// An output folder that appears only when complete: work goes into a hidden sibling folder that is renamed to the
/// final name at the end (after removing the final folder if it exists empty); disposing without
/// <see cref="Commit"/> deletes the partial work.
/// </summary>
public sealed class OutputFolder : IDisposable
{
    private bool _committed;

    private OutputFolder(string finalPath, string workPath)
    {
        FinalPath = finalPath;
        WorkPath = workPath;
    }

    /// <summary>The folder the user asked for.</summary>
    public string FinalPath { get; }

    /// <summary>Where to write until <see cref="Commit"/>.</summary>
    public string WorkPath { get; }

    /// <summary>
    /// Checks <paramref name="output"/> (must not exist, or be an empty folder; its parent must exist and be writable)
    /// and creates the hidden work folder.
    /// </summary>
    public static OutputFolder Create(string output)
    {
        if (string.IsNullOrWhiteSpace(output)) throw new CliInputException("--out is empty.");
        string full = Path.GetFullPath(output.TrimEnd('/', '\\').Length == 0 ? output : output.TrimEnd('/', '\\'));
        if (System.IO.File.Exists(full)) throw new CliInputException($"{output}: exists and is a file; --out names a new folder.");
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
            throw new CliInputException($"{output}: exists and is not empty; choose a new folder (nothing was written).");
        string parent = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(parent)) throw new CliInputException($"{output}: the parent folder '{parent}' does not exist.");
        string work = Path.Combine(parent, $".{Path.GetFileName(full)}.partial-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(work);
        }
        catch (Exception error) when (error is UnauthorizedAccessException or IOException)
        {
            throw new CliInputException($"{output}: the parent folder '{parent}' is not writable ({error.Message}).");
        }
        return new OutputFolder(full, work);
    }

    public string File(string name) => Path.Combine(WorkPath, name);

    /// <summary>Moves the finished work to <see cref="FinalPath"/>.</summary>
    public void Commit()
    {
        if (Directory.Exists(FinalPath))
        {
            if (Directory.EnumerateFileSystemEntries(FinalPath).Any())
                throw new CliInputException($"{FinalPath}: was filled by someone else meanwhile; the result stays in {WorkPath}.");
            Directory.Delete(FinalPath);
        }
        Directory.Move(WorkPath, FinalPath);
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed) return;
        try
        {
            if (Directory.Exists(WorkPath)) Directory.Delete(WorkPath, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
