namespace GeoFlowNetSar.Storage.Tests;

public sealed class LocalFolderBlobStoreTests : BlobStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("local-blobs-").FullName;
    private readonly LocalFolderBlobStore _store;

    public LocalFolderBlobStoreTests() => _store = new LocalFolderBlobStore(_folder);

    protected override IBlobStore Store => _store;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Partial_writes_left_by_a_crash_are_invisible()
    {
        await Store.PutTextAsync(Name("a/done.bin"), "done");
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(_store.PathOf(Name("a/done.bin")))!, ".tmp-0123-half.bin"), "half");
        Assert.Equal([Name("a/done.bin")], (await Store.ListAllAsync(Name(""))).Select(b => b.Name));
    }

    [Fact]
    public async Task A_failed_write_keeps_the_previous_blob_and_leaves_no_temporary_file()
    {
        await Store.PutTextAsync(Name("a/blob"), "old");
        await Assert.ThrowsAsync<IOException>(() => Store.PutAsync(Name("a/blob"), new FailingStream()));
        Assert.Equal("old", await Store.GetTextAsync(Name("a/blob")));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(_store.PathOf(Name("a/blob")))!));
    }

    [Fact]
    public async Task Readers_keep_reading_the_old_content_while_a_writer_replaces_it()
    {
        await Store.PutBytesAsync(Name("x"), new byte[100_000]);
        await using var reader = await Store.OpenReadAsync(Name("x"));
        await Store.PutBytesAsync(Name("x"), Enumerable.Repeat((byte)7, 10).ToArray());
        using var copy = new MemoryStream();
        await reader.CopyToAsync(copy);
        Assert.Equal(100_000, copy.Length);
        Assert.Equal(10, (await Store.GetBytesAsync(Name("x"))).Length);
    }

    private sealed class FailingStream : Stream
    {
        private int _reads;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_reads++ > 0) throw new IOException("the source failed half way");
            Array.Fill(buffer, (byte)1, offset, count);
            return count;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
