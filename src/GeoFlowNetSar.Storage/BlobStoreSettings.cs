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
    public int MaxRetries { get; set; } = 5;
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
            TransferConcurrency = TransferConcurrency,
        }),
        _ => throw new ArgumentException($"Unknown storage kind '{Kind}': use local or azure."),
    };
}
