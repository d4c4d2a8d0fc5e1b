using System.Diagnostics;
using GeoFlowNetSar.Core.Telemetry;

namespace GeoFlowNetSar.Storage;

/// <summary>
/// The blob.upload / blob.download spans and the blob byte and duration metrics, shared by every store. A streamed
/// read is measured from the request until its stream is disposed, and counts the bytes actually read.
/// </summary>
internal static class BlobTransfer
{
    public const string Upload = "upload";
    public const string Download = "download";

    public static async Task UploadAsync(string name, Func<Task> upload, Func<long> bytes)
    {
        var activity = Start(SpanNames.BlobUpload, name);
        long started = Stopwatch.GetTimestamp();
        try
        {
            await upload().ConfigureAwait(false);
            Finish(activity, Upload, bytes(), started);
        }
        catch (Exception error)
        {
            activity.RecordError(error);
            activity?.Dispose();
            throw;
        }
    }

    public static async Task DownloadToFileAsync(string name, string path, Func<Task> download)
    {
        var activity = Start(SpanNames.BlobDownload, name);
        long started = Stopwatch.GetTimestamp();
        try
        {
            await download().ConfigureAwait(false);
            Finish(activity, Download, new FileInfo(path).Length, started);
        }
        catch (Exception error)
        {
            activity.RecordError(error);
            activity?.Dispose();
            throw;
        }
    }

    public static async Task<Stream> OpenReadAsync(string name, Func<Task<Stream>> open)
    {
        var activity = Start(SpanNames.BlobDownload, name);
        long started = Stopwatch.GetTimestamp();
        try
        {
            return new CountingReadStream(await open().ConfigureAwait(false), read => Finish(activity, Download, read, started));
        }
        catch (Exception error)
        {
            activity.RecordError(error);
            activity?.Dispose();
            throw;
        }
    }

    private static Activity? Start(string span, string name)
    {
        var activity = GeoFlowTelemetry.Source.StartActivity(span, ActivityKind.Client);
        activity?.SetTag(TagNames.Blob, name);
        return activity;
    }

    private static void Finish(Activity? activity, string direction, long bytes, long started)
    {
        var tags = new TagList { { TagNames.Direction, direction } };
        GeoFlowTelemetry.BlobBytes.Add(bytes, tags);
        GeoFlowTelemetry.BlobDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        activity?.SetTag(TagNames.Bytes, bytes);
        activity?.Dispose();
    }

    private sealed class CountingReadStream(Stream inner, Action<long> finished) : Stream
    {
        private long _read;
        private int _finished;

        public override bool CanRead => true;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false));

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                Finish();
            }
            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync().ConfigureAwait(false);
            Finish();
            await base.DisposeAsync().ConfigureAwait(false);
        }

        private int Count(int n)
        {
            _read += n;
            return n;
        }

        private void Finish()
        {
            if (Interlocked.Exchange(ref _finished, 1) == 0) finished(_read);
        }
    }
}
