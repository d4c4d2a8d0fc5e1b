namespace GeoFlowNetSar.Storage.Tests;

/// <summary>The same contract against a real Azurite, with small blocks so that multi-block parallel transfers happen.</summary>
public sealed class AzureBlobStoreTests : BlobStoreContract, IClassFixture<AzuriteServer>
{
    private readonly AzureBlobStore _store;

    public AzureBlobStoreTests(AzuriteServer azurite) =>
        _store = new AzureBlobStore(new AzureBlobStoreOptions
        {
            ConnectionString = azurite.ConnectionString,
            Container = "contract",
            TransferBlockBytes = 256 << 10,
            MaxRetries = 2,
        });

    protected override IBlobStore Store => _store;

    [Fact]
    public void Neither_connection_string_nor_account_url_is_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => new AzureBlobStore(new AzureBlobStoreOptions()));
        Assert.Contains("connection string or an account URL", error.Message);
    }

    [Fact]
    public async Task An_unreachable_service_fails_after_the_configured_retries()
    {
        var store = new AzureBlobStore(new AzureBlobStoreOptions
        {
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.Account};AccountKey={AzuriteServer.AccountKey};BlobEndpoint=http://127.0.0.1:1/{AzuriteServer.Account};",
            MaxRetries = 1,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            NetworkTimeout = TimeSpan.FromSeconds(2),
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<BlobStoreUnavailableException>(() => store.GetInfoAsync("x"));
        Assert.Contains("127.0.0.1:1", error.Message);
        await Assert.ThrowsAsync<BlobStoreUnavailableException>(() => store.ListAllAsync("a/"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }
}
