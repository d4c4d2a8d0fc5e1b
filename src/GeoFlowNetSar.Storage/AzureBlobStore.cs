using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace GeoFlowNetSar.Storage;

/// <summary>
/// Blobs in one Azure Blob Storage container (block blobs). An upload is committed whole by the service, so readers
/// never see a partial blob. Transient failures are retried by the SDK (<see cref="AzureBlobStoreOptions.MaxRetries"/>,
/// exponential back-off); large blobs move in parallel blocks.
/// </summary>
public sealed class AzureBlobStore : IBlobStore
{
    private readonly BlobContainerClient _container;
    private readonly AzureBlobStoreOptions _options;
    private readonly StorageTransferOptions _transfer;
    private readonly Lock _readyGate = new();
    private Task? _ready;

    public AzureBlobStore(AzureBlobStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var clientOptions = new BlobClientOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = options.MaxRetryDelay;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;

        BlobServiceClient service;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
            service = new BlobServiceClient(options.ConnectionString, clientOptions);
        else if (!string.IsNullOrWhiteSpace(options.AccountUrl))
            service = new BlobServiceClient(new Uri(options.AccountUrl), new DefaultAzureCredential(), clientOptions);
        else
            throw new ArgumentException("Azure blob storage needs a connection string or an account URL.", nameof(options));

        _container = service.GetBlobContainerClient(options.Container);
        _transfer = new StorageTransferOptions
        {
            MaximumConcurrency = Math.Max(1, options.TransferConcurrency),
            InitialTransferSize = options.TransferBlockBytes,
            MaximumTransferSize = options.TransferBlockBytes,
        };
    }

    public string Description => $"Azure container '{_container.Name}' at {_container.Uri.GetLeftPart(UriPartial.Authority)}";

    public Task PutAsync(string name, Stream content, CancellationToken cancellationToken = default)
    {
        long start = content.CanSeek ? content.Position : 0;
        return BlobTransfer.UploadAsync(name, () => Guard($"writing '{name}'", async () =>
        {
            var blob = await BlobAsync(name).ConfigureAwait(false);
            await blob.UploadAsync(content, new BlobUploadOptions { TransferOptions = _transfer }, cancellationToken).ConfigureAwait(false);
            return true;
        }), () => content.CanSeek ? content.Position - start : 0);
    }

    public Task UploadFileAsync(string name, string path, CancellationToken cancellationToken = default) => BlobTransfer.UploadAsync(name,
        () => Guard($"writing '{name}'", async () =>
        {
            var blob = await BlobAsync(name).ConfigureAwait(false);
            await blob.UploadAsync(path, new BlobUploadOptions { TransferOptions = _transfer }, cancellationToken).ConfigureAwait(false);
            return true;
        }), () => new FileInfo(path).Length);

    public Task<Stream> OpenReadAsync(string name, CancellationToken cancellationToken = default) => BlobTransfer.OpenReadAsync(name, () => Guard($"reading '{name}'", async () =>
    {
        var blob = await BlobAsync(name).ConfigureAwait(false);
        try
        {
            var response = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Value.Content;
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            throw new BlobNotFoundException(name, Description, error);
        }
    }));

    public Task DownloadToFileAsync(string name, string path, CancellationToken cancellationToken = default) => BlobTransfer.DownloadToFileAsync(name, path, () => Guard($"reading '{name}'", async () =>
    {
        var blob = await BlobAsync(name).ConfigureAwait(false);
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $"{BlobNames.TemporaryPrefix}{Guid.NewGuid():N}-{Path.GetFileName(full)}");
        try
        {
            await blob.DownloadToAsync(temporary, new BlobDownloadToOptions { TransferOptions = _transfer }, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, full, overwrite: true);
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            File.Delete(temporary);
            throw new BlobNotFoundException(name, Description, error);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        return true;
    }));

    public Task<BlobInfo?> GetInfoAsync(string name, CancellationToken cancellationToken = default) => Guard($"reading '{name}'", async () =>
    {
        var blob = await BlobAsync(name).ConfigureAwait(false);
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new BlobInfo(name, properties.Value.ContentLength, properties.Value.LastModified);
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return (BlobInfo?)null;
        }
    });

    public async IAsyncEnumerable<BlobInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        BlobNames.ValidatePrefix(prefix);
        await Guard("creating the container", async () =>
        {
            await EnsureContainerAsync().ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        // The service lists in lexicographic (ordinal UTF-8) order, which is ordinal for the names BlobNames allows.
        var pages = _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix.Length == 0 ? null : prefix, cancellationToken)
            .AsPages().GetAsyncEnumerator(cancellationToken);
        try
        {
            while (await Guard($"listing '{prefix}'", async () => await pages.MoveNextAsync().ConfigureAwait(false)).ConfigureAwait(false))
            {
                foreach (var item in pages.Current.Values)
                    yield return new BlobInfo(item.Name, item.Properties.ContentLength ?? 0, item.Properties.LastModified ?? DateTimeOffset.MinValue);
            }
        }
        finally
        {
            await pages.DisposeAsync().ConfigureAwait(false);
        }
    }

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default) => Guard($"deleting '{name}'", async () =>
    {
        var blob = await BlobAsync(name).ConfigureAwait(false);
        var response = await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Value;
    });

    // The SDK has already retried transient failures; what still fails is an outage, reported as such.
    private async Task<T> Guard<T>(string operation, Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (RequestFailedException error) when (error.Status is 0 or 408 or 429 or >= 500)
        {
            throw new BlobStoreUnavailableException(Description, operation, error);
        }
        catch (AggregateException error) when (error.InnerExceptions.All(e => e is RequestFailedException or HttpRequestException or IOException))
        {
            throw new BlobStoreUnavailableException(Description, operation, error.InnerExceptions[^1]);
        }
        catch (HttpRequestException error)
        {
            throw new BlobStoreUnavailableException(Description, operation, error);
        }
    }

    // Created once; a failed attempt (an outage at start) is forgotten so that the next call tries again.
    private Task EnsureContainerAsync()
    {
        if (!_options.CreateContainer) return Task.CompletedTask;
        lock (_readyGate)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled) _ready = _container.CreateIfNotExistsAsync();
            return _ready;
        }
    }

    private async Task<BlobClient> BlobAsync(string name)
    {
        BlobNames.Validate(name);
        await EnsureContainerAsync().ConfigureAwait(false);
        return _container.GetBlobClient(name);
    }
}
