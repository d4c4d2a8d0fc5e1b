using System.Runtime.CompilerServices;

namespace GeoFlowNetSar.Storage;

/// <summary>
/// Blobs as files under a root folder (blob "a/b/c" is file root/a/b/c). Every write goes to a hidden temporary file
/// in the destination folder and is renamed over the final name once complete, so readers see whole blobs only and
/// a crash leaves at most a ".tmp-…" file, which listings ignore. Several processes may share the folder.
/// </summary>
public sealed class LocalFolderBlobStore : IBlobStore
{
    private const int CopyBufferBytes = 1 << 20;

    public LocalFolderBlobStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Description => $"local folder '{Root}'";

    /// <summary>The file that holds blob <paramref name="name"/> (it may not exist).</summary>
    public string PathOf(string name) => Path.Combine(Root, BlobNames.Validate(name).Replace('/', Path.DirectorySeparatorChar));

    public Task PutAsync(string name, Stream content, CancellationToken cancellationToken = default) => BlobTransfer.UploadAsync(name,
        () => WriteAtomicallyAsync(name, async (file, token) => await content.CopyToAsync(file, CopyBufferBytes, token).ConfigureAwait(false), cancellationToken),
        () => new FileInfo(PathOf(name)).Length);

    public async Task UploadFileAsync(string name, string path, CancellationToken cancellationToken = default)
    {
        await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferBytes, useAsync: true);
        await PutAsync(name, source, cancellationToken).ConfigureAwait(false);
    }

    public Task<Stream> OpenReadAsync(string name, CancellationToken cancellationToken = default) =>
        BlobTransfer.OpenReadAsync(name, () => OpenFileAsync(name, cancellationToken));

    public async Task DownloadToFileAsync(string name, string path, CancellationToken cancellationToken = default)
    {
        await using var source = await OpenReadAsync(name, cancellationToken).ConfigureAwait(false);
        string full = Path.GetFullPath(path);
        string temporary = TemporaryPathFor(full);
        try
        {
            await using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferBytes, useAsync: true))
                await source.CopyToAsync(target, CopyBufferBytes, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private Task<Stream> OpenFileAsync(string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string file = PathOf(name);
        try
        {
            // FileShare.Delete: a concurrent overwrite renames over this file without disturbing the open reader.
            Stream stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, CopyBufferBytes, useAsync: true);
            return Task.FromResult(stream);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BlobNotFoundException(name, Description, error);
        }
    }

    public Task<BlobInfo?> GetInfoAsync(string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = new FileInfo(PathOf(name));
        return Task.FromResult(file.Exists ? Describe(name, file) : null);
    }

    public async IAsyncEnumerable<BlobInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        BlobNames.ValidatePrefix(prefix);
        // Only the folder that holds the prefix's last complete segment needs walking.
        int slash = prefix.LastIndexOf('/');
        string folder = slash < 0 ? Root : Path.Combine(Root, prefix[..slash].Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(folder)) yield break;

        var names = new List<(string Name, FileInfo File)>();
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string name = Path.GetRelativePath(Root, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || IsTemporary(name)) continue;
            names.Add((name, file));
        }
        names.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var (name, file) in names)
        {
            file.Refresh();
            if (file.Exists) yield return Describe(name, file);
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string file = PathOf(name);
        if (!File.Exists(file)) return Task.FromResult(false);
        try
        {
            File.Delete(file);
        }
        catch (DirectoryNotFoundException)
        {
            return Task.FromResult(false);
        }
        return Task.FromResult(true);
    }

    private async Task WriteAtomicallyAsync(string name, Func<FileStream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        string file = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        string temporary = TemporaryPathFor(file);
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferBytes, useAsync: true))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, file, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static string TemporaryPathFor(string file) =>
        Path.Combine(Path.GetDirectoryName(file)!, $"{BlobNames.TemporaryPrefix}{Guid.NewGuid():N}-{Path.GetFileName(file)}");

    private static bool IsTemporary(string name) =>
        name.Split('/').Any(segment => segment.StartsWith(BlobNames.TemporaryPrefix, StringComparison.Ordinal));

    private static BlobInfo Describe(string name, FileInfo file) => new(name, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero));

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
