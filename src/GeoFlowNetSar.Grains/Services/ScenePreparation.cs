using System.Diagnostics;
using System.Threading.Channels;
using GeoFlowNetSar.Core.Tiling;
using GeoFlowNetSar.Grains.Contracts;
using GeoFlowNetSar.Pipeline.Chunks;
using GeoFlowNetSar.Pipeline.Scenes;
using GeoFlowNetSar.Raster;
using GeoFlowNetSar.Raster.Native;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Storage;

namespace GeoFlowNetSar.Grains.Services;

/// <summary>
/// Validates a scene's inputs and cuts them into chunk blobs: PRE and POST are copied from the blob store to local
/// files (GDAL reads files), checked (readable, same size, window fits), then each chunk's input rectangle is read and
/// uploaded as a chunk image blob. The run's manifest is written last, so its presence means the cut is complete and
/// a later run with the same run key skips all of this.
/// </summary>
public static class ScenePreparation
{
    private const int UploadsInFlight = 4;

    public static async Task<PreparedScene> PrepareAsync(
        IBlobStore store, SceneRequest request, EstimateFootprint footprint, int window, int step, string runKey,
        string workFolder, CancellationToken cancellationToken)
    {
        string manifest = SceneLayout.PreparedManifest(request.SceneId, runKey);
        if (await store.GetInfoAsync(manifest, cancellationToken).ConfigureAwait(false) is not null)
            return PreparedScene.FromJson(await store.GetTextAsync(manifest, cancellationToken).ConfigureAwait(false));

        var clock = Stopwatch.StartNew();
        string folder = Path.Combine(workFolder, $"prepare-{request.SceneId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            string prePath = Path.Combine(folder, "pre" + Extension(request.PreBlob));
            string postPath = Path.Combine(folder, "post" + Extension(request.PostBlob));
            await Task.WhenAll(
                DownloadInputAsync(store, request.PreBlob, "PRE", prePath, cancellationToken),
                DownloadInputAsync(store, request.PostBlob, "POST", postPath, cancellationToken)).ConfigureAwait(false);

            var readOptions = new AmplitudeReadOptions { Band = request.Band, InputIsDecibels = request.InputIsDecibels, NoDataAsNaN = true };
            using var pre = Open(prePath, request.PreBlob, "PRE", readOptions);
            using var post = Open(postPath, request.PostBlob, "POST", readOptions);
            Validate(request, pre, post, window, step);

            int chunkSize = request.ChunkSize ?? ChunkSizing.ForMemoryBudget(pre.Width, window);
            var plan = new ChunkPlan(new WindowGrid(pre.Width, pre.Height, window, step), footprint, chunkSize);
            var info = Rename(() => pre.Info, prePath, request.PreBlob);
            if (info.HasGeoreferencing)
                await store.PutTextAsync(SceneLayout.Georeference(request.SceneId, runKey), Georeference.From(info).ToJson(), cancellationToken).ConfigureAwait(false);

            await CutAsync(store, request.SceneId, runKey, plan, pre, post, prePath, postPath, request, cancellationToken).ConfigureAwait(false);

            var spacing = info.PixelSpacing;
            var prepared = new PreparedScene(pre.Width, pre.Height, chunkSize, plan.Chunks.Count,
                spacing.IsKnown ? spacing.X : double.NaN, spacing.IsKnown ? spacing.Y : double.NaN, info.HasGeoreferencing, clock.Elapsed.TotalSeconds);
            await store.PutTextAsync(manifest, prepared.ToJson(), cancellationToken).ConfigureAwait(false);
            return prepared;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    // GDAL reads one chunk at a time (the sources serialise reads anyway); encoding and uploads overlap with reading.
    // The first failure (a read, an upload) stops both sides and is the one reported.
    private static async Task CutAsync(
        IBlobStore store, string sceneId, string runKey, ChunkPlan plan, GdalAmplitudeSource pre, GdalAmplitudeSource post,
        string prePath, string postPath, SceneRequest request, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queue = Channel.CreateBounded<(string Name, byte[] Bytes)>(UploadsInFlight);
        Exception? failure = null;
        void Fail(Exception error)
        {
            Interlocked.CompareExchange(ref failure, error, null);
            stop.Cancel();
        }

        var uploaders = Enumerable.Range(0, UploadsInFlight).Select(_ => Task.Run(async () =>
        {
            try
            {
                await foreach (var (name, bytes) in queue.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
                    await store.PutBytesAsync(name, bytes, stop.Token).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                Fail(error);
            }
        }, CancellationToken.None)).ToArray();

        try
        {
            await Task.Run(async () =>
            {
                foreach (var chunk in plan.Chunks)
                {
                    if (chunk.WindowCount == 0) continue;
                    stop.Token.ThrowIfCancellationRequested();
                    var preImage = Rename(() => pre.ReadImage(chunk.Input), prePath, request.PreBlob);
                    await queue.Writer.WriteAsync((SceneLayout.ChunkPre(sceneId, runKey, chunk.Index), ChunkImageCodec.Encode(chunk.Input, preImage)), stop.Token).ConfigureAwait(false);
                    var postImage = Rename(() => post.ReadImage(chunk.Input), postPath, request.PostBlob);
                    await queue.Writer.WriteAsync((SceneLayout.ChunkPost(sceneId, runKey, chunk.Index), ChunkImageCodec.Encode(chunk.Input, postImage)), stop.Token).ConfigureAwait(false);
                }
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            Fail(error);
        }
        queue.Writer.TryComplete();
        await Task.WhenAll(uploaders).ConfigureAwait(false);

        cancellationToken.ThrowIfCancellationRequested();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
    }

    private static void Validate(SceneRequest request, GdalAmplitudeSource pre, GdalAmplitudeSource post, int window, int step)
    {
        if (pre.Width != post.Width || pre.Height != post.Height)
            throw new SceneRejectedException(
                $"POST '{request.PostBlob}' is {post.Width}x{post.Height} but PRE '{request.PreBlob}' is {pre.Width}x{pre.Height}; " +
                "the images must be co-registered on the same grid.");
        if (window > pre.Width || window > pre.Height)
            throw new SceneRejectedException(
                $"The {window}-pixel window is larger than the {pre.Width}x{pre.Height} image '{request.PreBlob}'; choose a smaller window.");
        if (step < 1) throw new SceneRejectedException($"The step must be at least 1 pixel (got {step}).");
    }

    private static async Task DownloadInputAsync(IBlobStore store, string blob, string role, string path, CancellationToken cancellationToken)
    {
        try
        {
            await store.DownloadToFileAsync(blob, path, cancellationToken).ConfigureAwait(false);
        }
        catch (BlobNotFoundException error)
        {
            throw new SceneRejectedException($"{role} input '{blob}' does not exist in {store.Description}.", error);
        }
    }

    private static GdalAmplitudeSource Open(string path, string blob, string role, AmplitudeReadOptions options)
    {
        try
        {
            return GdalAmplitudeSource.Open(path, options);
        }
        catch (RasterInputException error)
        {
            throw new SceneRejectedException($"{role} input '{blob}' is not a readable raster: {error.Message.Replace(path, blob, StringComparison.Ordinal)}", error);
        }
        catch (GdalNotInstalledException error)
        {
            throw new SceneRejectedException($"GDAL is not installed on this silo: {error.Message}", error);
        }
    }

    private static T Rename<T>(Func<T> read, string path, string blob)
    {
        try
        {
            return read();
        }
        catch (RasterInputException error)
        {
            throw new SceneRejectedException(error.Message.Replace(path, blob, StringComparison.Ordinal), error);
        }
    }

    // GDAL picks drivers by content, but some (ENVI headers, SAFE) care about the extension; keep the blob's.
    private static string Extension(string blob)
    {
        string extension = Path.GetExtension(blob);
        return extension.Length is > 0 and <= 8 ? extension : ".tif";
    }
}
