using System.Security.Cryptography;

namespace GeoFlowNetSar.Storage.Tests;

/// <summary>The behaviour every <see cref="IBlobStore"/> must have; one subclass per implementation.</summary>
public abstract class BlobStoreContract
{
    // Each test works under its own prefix, so one store (one Azurite) serves a whole class.
    private readonly string _root = $"t{Guid.NewGuid():N}/";

    protected abstract IBlobStore Store { get; }

    protected string Name(string relative) => _root + relative;

    [Fact]
    public async Task Bytes_round_trip_exactly_including_empty_and_multi_block_blobs()
    {
        foreach (int length in new[] { 0, 1, 1000, 3 * (1 << 20) + 17 })
        {
            var data = RandomNumberGenerator.GetBytes(length);
            string name = Name($"sizes/{length}.bin");
            await Store.PutBytesAsync(name, data);
            Assert.Equal(data, await Store.GetBytesAsync(name));
            var info = await Store.GetInfoAsync(name);
            Assert.NotNull(info);
            Assert.Equal(length, info.Length);
            Assert.Equal(name, info.Name);
        }
    }

    [Fact]
    public async Task A_write_replaces_the_previous_content()
    {
        string name = Name("scenes/a/chunks/0/pre.f32");
        await Store.PutTextAsync(name, "first, longer content");
        await Store.PutTextAsync(name, "second");
        Assert.Equal("second", await Store.GetTextAsync(name));
    }

    [Fact]
    public async Task Missing_blobs_are_reported_as_such()
    {
        string name = Name("nothing/here.bin");
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.GetBytesAsync(name));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.DownloadToFileAsync(name, Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}")));
        Assert.Null(await Store.GetInfoAsync(name));
        Assert.False(await Store.ExistsAsync(name));
        Assert.False(await Store.DeleteAsync(name));
    }

    [Fact]
    public async Task Listing_a_prefix_gives_exactly_the_blobs_under_it_in_ordinal_order()
    {
        string[] names = ["scenes/a/chunks/10/pre.f32", "scenes/a/chunks/2/pre.f32", "scenes/a/chunks/2/post.f32", "scenes/ab/x", "scenes/b/y", "top"];
        foreach (var name in names) await Store.PutTextAsync(Name(name), name);

        var underA = (await Store.ListAllAsync(Name("scenes/a/"))).Select(b => b.Name).ToArray();
        Assert.Equal(names.Take(3).Select(Name).Order(StringComparer.Ordinal), underA);

        var startingWithA = (await Store.ListAllAsync(Name("scenes/a"))).Select(b => b.Name).ToArray();
        Assert.Equal(names.Take(4).Select(Name).Order(StringComparer.Ordinal), startingWithA);

        var all = await Store.ListAllAsync(_root);
        Assert.Equal(names.Length, all.Count);
        Assert.All(all, b => Assert.Equal(b.Name.Length - _root.Length, b.Length));
        Assert.Empty(await Store.ListAllAsync(Name("scenes/c/")));
    }

    [Fact]
    public async Task Delete_removes_a_blob_and_delete_prefix_removes_a_tree()
    {
        await Store.PutTextAsync(Name("results/s/displacement.tif"), "tif");
        await Store.PutTextAsync(Name("results/s/report.json"), "{}");
        await Store.PutTextAsync(Name("results/t/report.json"), "{}");
        Assert.True(await Store.DeleteAsync(Name("results/s/report.json")));
        Assert.False(await Store.ExistsAsync(Name("results/s/report.json")));
        Assert.Equal(1, await Store.DeletePrefixAsync(Name("results/s/")));
        Assert.Equal([Name("results/t/report.json")], (await Store.ListAllAsync(_root)).Select(b => b.Name));
    }

    [Fact]
    public async Task Files_upload_and_download_through_the_store()
    {
        string folder = Directory.CreateTempSubdirectory("blobstore-").FullName;
        try
        {
            var data = RandomNumberGenerator.GetBytes(2 * (1 << 20) + 5);
            string source = Path.Combine(folder, "in.tif"), target = Path.Combine(folder, "out.tif");
            await File.WriteAllBytesAsync(source, data);
            File.WriteAllText(target, "to be replaced");
            await Store.UploadFileAsync(Name("inputs/in.tif"), source);
            await Store.DownloadToFileAsync(Name("inputs/in.tif"), target);
            Assert.Equal(data, await File.ReadAllBytesAsync(target));
            Assert.Equal(["in.tif", "out.tif"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_non_seekable_stream_is_stored_whole()
    {
        var data = RandomNumberGenerator.GetBytes(1 << 20);
        await using (var pipe = new NonSeekableStream(data))
            await Store.PutAsync(Name("streamed.bin"), pipe);
        await using var read = await Store.OpenReadAsync(Name("streamed.bin"));
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(data, copy.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("/leading")]
    [InlineData("trailing/")]
    [InlineData("a//b")]
    [InlineData("a/../b")]
    [InlineData("a\\b")]
    [InlineData("a/.tmp-x")]
    public async Task Invalid_names_are_refused(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutTextAsync(name, "x"));
    }

    private sealed class NonSeekableStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 4096));
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
