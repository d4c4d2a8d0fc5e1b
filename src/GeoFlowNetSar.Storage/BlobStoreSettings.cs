namespace GeoFlowNetSar.Storage;

/// <summary>
/// Which blob store a process uses, as bound from configuration (section "Storage"): Kind "local" with
/// <see cref="Folder"/>, or "azure" with <see cref="ConnectionString"/> or <see cref="AccountUrl"/> and <see cref="Container"/>.
/// </summary>
public sealed class BlobStoreSettings
{
    public string Kind { get; set; } = "local";
    public string? Folder { get; set; }
    public string? ConnectionString { get; set; }
    public string? AccountUrl { get; set; }
    public string Container { get; set; } = "geoflownet";
    /// <summary>SDK retries and back-off (<see cref="AzureBlobStoreOptions.MaxRetries"/>: the defaults ride out a 20 s outage).</summary>
    public int MaxRetries { get; set; } = new AzureBlobStoreOptions().MaxRetries;

    public TimeSpan RetryDelay { get; set; } = new AzureBlobStoreOptions().RetryDelay;

    public TimeSpan MaxRetryDelay { get; set; } = new AzureBlobStoreOptions().MaxRetryDelay;
    public int TransferConcurrency { get; set; } = 4;

    public IBlobStore Create() => Kind.ToLowerInvariant() switch
    {
        "local" => new LocalFolderBlobStore(string.IsNullOrWhiteSpace(Folder)
            ? throw new ArgumentException("Storage kind 'local' needs a folder (Storage:Folder).")
            : Folder),
        "azure" => new AzureBlobStore(new AzureBlobStoreOptions
        {
            ConnectionString = ConnectionString,
            AccountUrl = AccountUrl,
            Container = Container,
            MaxRetries = MaxRetries,
            RetryDelay = RetryDelay,
            MaxRetryDelay = MaxRetryDelay,
            TransferConcurrency = TransferConcurrency,
        }),
        _ => throw new ArgumentException($"Unknown storage kind '{Kind}': use local or azure."),
    };
}
