namespace GeoFlowNetSar.Storage;

/// <summary>
/// A flat store of named blobs. Names are '/'-separated relative paths such as
/// <c>scenes/&lt;id&gt;/chunks/&lt;k&gt;/pre.f32</c> (<see cref="BlobNames"/>). A blob becomes visible whole or not at
/// all: a reader never sees a partly written blob, and a failed write leaves the previous content (or nothing).
/// Writes replace an existing blob. Implementations are thread-safe.
/// </summary>
public interface IBlobStore
{
    /// <summary>Where the blobs live, for messages (a folder path, or an account and container).</summary>
    string Description { get; }

    /// <summary>Writes <paramref name="content"/> (read to its end) as blob <paramref name="name"/>.</summary>
    Task PutAsync(string name, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Writes the file at <paramref name="path"/> as blob <paramref name="name"/> (parallel transfer where supported).</summary>
    Task UploadFileAsync(string name, string path, CancellationToken cancellationToken = default);

    /// <summary>Opens blob <paramref name="name"/> for reading.</summary>
    /// <exception cref="BlobNotFoundException">No such blob.</exception>
    Task<Stream> OpenReadAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Copies blob <paramref name="name"/> into the file at <paramref name="path"/> (replaced atomically).</summary>
    /// <exception cref="BlobNotFoundException">No such blob.</exception>
    Task DownloadToFileAsync(string name, string path, CancellationToken cancellationToken = default);

    /// <summary>Size and time of blob <paramref name="name"/>, or null when it does not exist.</summary>
    Task<BlobInfo?> GetInfoAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Blobs whose names start with <paramref name="prefix"/> (plain string prefix), in ordinal name order.</summary>
    IAsyncEnumerable<BlobInfo> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Deletes blob <paramref name="name"/>; false when it did not exist.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>A stored blob: its name, size in bytes and last write time (UTC).</summary>
public sealed record BlobInfo(string Name, long Length, DateTimeOffset LastModified);

/// <summary>The blob asked for does not exist.</summary>
public sealed class BlobNotFoundException(string name, string store, Exception? inner = null)
    : Exception($"Blob '{name}' does not exist in {store}.", inner)
{
    public string Name { get; } = name;
}

/// <summary>The store could not be reached or kept failing after the configured retries (network, service errors).</summary>
public sealed class BlobStoreUnavailableException(string store, string operation, Exception inner)
    : Exception($"{store} is unavailable ({operation}): {inner.Message}", inner);
