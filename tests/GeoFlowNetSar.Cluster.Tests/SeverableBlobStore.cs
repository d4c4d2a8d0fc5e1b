using System.Runtime.CompilerServices;

namespace GeoFlowNetSar.Cluster.Tests;

/// <summary>
/// The real store as seen by one in-process cluster, which the test can cut off: after <see cref="Sever"/> no call
/// reaches the store any more and none returns (until cancelled), as for a process that was killed — in-process silos
/// cannot be SIGKILLed, and their leftover threads must not write blobs a dead process never could.
/// </summary>
public sealed class SeverableBlobStore(IBlobStore inner) : IBlobStore
{
    private readonly CancellationTokenSource _severed = new();

    public string Description => inner.Description;

    public void Sever() => _severed.Cancel();

    public async Task PutAsync(string name, Stream content, CancellationToken cancellationToken = default)
    {
        await PassAsync(cancellationToken);
        await inner.PutAsync(name, content, cancellationToken);
    }

    public async Task UploadFileAsync(string name, string path, CancellationToken cancellationToken = default)
    {
        await PassAsync(cancellationToken);
        await inner.UploadFileAsync(name, path, cancellationToken);
    }

    public async Task<Stream> OpenReadAsync(string name, CancellationToken cancellationToken = default)
    {
        await PassAsync(cancellationToken);
        return await inner.OpenReadAsync(name, cancellationToken);
    }

    public async Task DownloadToFileAsync(string name, string path, CancellationToken cancellationToken = default)
    {
        await PassAsync(cancellationToken);
        await inner.DownloadToFileAsync(name, path, cancellationToken);
    }

    public async Task<BlobInfo?> GetInfoAsync(string name, CancellationToken cancellationToken = default)
    {
        await PassAsync(cancellationToken);
        return await inner.GetInfoAsync(name, cancellationToken);
    }

    public async IAsyncEnumerable<BlobInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await PassAsync(cancellationToken);
        await foreach (var blob in inner.ListAsync(prefix, cancellationToken)) yield return blob;
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        await PassAsync(cancellationToken);
        return await inner.DeleteAsync(name, cancellationToken);
    }

    private Task PassAsync(CancellationToken cancellationToken) =>
        _severed.IsCancellationRequested ? Task.Delay(Timeout.Infinite, cancellationToken) : Task.CompletedTask;
}
