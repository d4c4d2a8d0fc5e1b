namespace GeoFlowNetSar.Storage;

/// <summary>
/// Where and how to reach Azure Blob Storage (or Azurite). Give either <see cref="ConnectionString"/> (account key or
/// SAS; Azurite's well-known one in tests) or <see cref="AccountUrl"/>, which authenticates with
/// DefaultAzureCredential (workload identity, managed identity, environment, Azure CLI…).
/// </summary>
public sealed record AzureBlobStoreOptions
{
    public string? ConnectionString { get; init; }

    /// <summary>e.g. https://account.blob.core.windows.net; used when <see cref="ConnectionString"/> is empty.</summary>
    public string? AccountUrl { get; init; }

    /// <summary>Container name: 3–63 lowercase letters, digits and hyphens.</summary>
    public string Container { get; init; } = "geoflownet";

    /// <summary>Create the container on first use when it does not exist.</summary>
    public bool CreateContainer { get; init; } = true;

    /// <summary>
    /// Retries of a failed request by the SDK, with exponential back-off (±20 % jitter) from <see cref="RetryDelay"/>,
    /// doubling up to <see cref="MaxRetryDelay"/>. The defaults wait 0.5 + 1 + 2 + 4 + 6 × 4 ≈ 31 s in all before giving
    /// up, so an outage of the storage service of 10–20 s (a restart, a failover) costs time, not the scene; the 4 s cap
    /// keeps the wasted time after the service is back short.
    /// </summary>
    public int MaxRetries { get; init; } = 10;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(0.5);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Timeout of one network operation (one block, one request), not of a whole transfer.</summary>
    public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Blocks transferred in parallel for one large upload or download.</summary>
    public int TransferConcurrency { get; init; } = 4;

    /// <summary>Block size of parallel transfers; blobs up to this size go in one request.</summary>
    public int TransferBlockBytes { get; init; } = 8 << 20;
}
