namespace GeoFlowNetSar.Storage;

/// <summary>Byte-array and text conveniences over <see cref="IBlobStore"/> (small blobs only: manifests, reports, chunks).</summary>
public static class BlobStoreExtensions
{
    public static async Task PutBytesAsync(this IBlobStore store, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        using var stream = new ReadOnlyMemoryStream(content);
        await store.PutAsync(name, stream, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<byte[]> GetBytesAsync(this IBlobStore store, string name, CancellationToken cancellationToken = default)
    {
        await using var stream = await store.OpenReadAsync(name, cancellationToken).ConfigureAwait(false);
        using var buffer = stream.CanSeek ? new MemoryStream(checked((int)stream.Length)) : new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }

    public static Task PutTextAsync(this IBlobStore store, string name, string text, CancellationToken cancellationToken = default) =>
        store.PutBytesAsync(name, System.Text.Encoding.UTF8.GetBytes(text), cancellationToken);

    public static async Task<string> GetTextAsync(this IBlobStore store, string name, CancellationToken cancellationToken = default) =>
        System.Text.Encoding.UTF8.GetString(await store.GetBytesAsync(name, cancellationToken).ConfigureAwait(false));

    public static async Task<bool> ExistsAsync(this IBlobStore store, string name, CancellationToken cancellationToken = default) =>
        await store.GetInfoAsync(name, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Every blob under <paramref name="prefix"/>, materialised (for small listings).</summary>
    public static async Task<IReadOnlyList<BlobInfo>> ListAllAsync(this IBlobStore store, string prefix, CancellationToken cancellationToken = default)
    {
        var list = new List<BlobInfo>();
        await foreach (var blob in store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
            list.Add(blob);
        return list;
    }

    /// <summary>Deletes every blob under <paramref name="prefix"/>; returns how many.</summary>
    public static async Task<int> DeletePrefixAsync(this IBlobStore store, string prefix, CancellationToken cancellationToken = default)
    {
        int deleted = 0;
        foreach (var blob in await store.ListAllAsync(prefix, cancellationToken).ConfigureAwait(false))
            if (await store.DeleteAsync(blob.Name, cancellationToken).ConfigureAwait(false)) deleted++;
        return deleted;
    }

    // MemoryStream would copy a ReadOnlyMemory that is not array-backed; this reads it in place.
    private sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> content) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => content.Length;

        public override long Position
        {
            get => _position;
            set => _position = (int)Math.Clamp(value, 0, content.Length);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = Math.Min(buffer.Length, content.Length - _position);
            content.Span.Slice(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => content.Length + offset,
            };
            return _position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
