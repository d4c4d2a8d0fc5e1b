using System.Buffers;
using System.Globalization;
using GeoFlowNetSar.Synthesis.Samples;
using GeoFlowNetSar.Synthesis.Speckle;
using Microsoft.Win32.SafeHandles;

namespace GeoFlowNetSar.Synthesis.Datasets;

/// <summary>
/// Random access to a dataset folder written by <see cref="SampleDatasetWriter"/> (index.json + shards), and an
/// <see cref="ISarPairGenerator"/> over it so training can read samples instead of simulating them.
/// </summary>
/// <remarks>
/// <see cref="Generate"/> maps a seed to sample (seed − BaseSeed) mod Count — so a trainer with the dataset's base
/// seed sees the samples in order, cycling when it runs past the end — and returns the sample itself when the
/// requested size equals the dataset's, or a crop at a position hashed from the seed when it is smaller (crop
/// curriculum). Validation seeds are mapped the same way, so validate on another source (e.g. the simulator or a
/// second dataset), not on the training dataset. Thread-safe (positional reads on shared handles).
/// </remarks>
public sealed class SampleDatasetReader : ISarPairGenerator, IDisposable
{
    private readonly SafeFileHandle?[] _handles;
    private readonly Lock _gate = new();
    private bool _disposed;

    private SampleDatasetReader(string folder, DatasetIndex index, bool verify)
    {
        Folder = folder;
        Index = index;
        VerifyChecksums = verify;
        _handles = new SafeFileHandle?[index.Shards.Count];
    }

    public string Folder { get; }
    public DatasetIndex Index { get; }
    public bool VerifyChecksums { get; }
    public long Count => Index.Count;
    public int Size => Index.Size;

    /// <summary>Opens a dataset folder: reads and checks index.json and every shard's header and length.</summary>
    /// <exception cref="InvalidDataException">Missing or inconsistent index or shards (the message names the file).</exception>
    public static SampleDatasetReader Open(string folder, bool verifyChecksums = true)
    {
        string indexPath = Path.Combine(folder, SampleShardFormat.IndexFileName);
        if (!File.Exists(indexPath)) throw new InvalidDataException($"{folder}: no {SampleShardFormat.IndexFileName}; not a dataset folder (or an unfinished one).");
        var index = DatasetIndex.Parse(File.ReadAllBytes(indexPath), indexPath);
        var reader = new SampleDatasetReader(folder, index, verifyChecksums);
        try
        {
            Span<byte> header = stackalloc byte[SampleShardFormat.HeaderBytes];
            for (int s = 0; s < index.Shards.Count; s++)
            {
                var shard = index.Shards[s];
                var handle = reader.Handle(s);
                long length = RandomAccess.GetLength(handle);
                if (length != shard.Bytes) throw new InvalidDataException($"{shard.File}: {length} bytes, the index says {shard.Bytes} (truncated?).");
                if (RandomAccess.Read(handle, header, 0) != header.Length) throw new InvalidDataException($"{shard.File}: cannot read the header.");
                var (size, count, encoding, record, first) = SampleShardFormat.ReadHeader(header, shard.File);
                if (size != index.Size || count != shard.Count || encoding != index.Amplitude || record != index.RecordBytes || first != shard.FirstIndex)
                    throw new InvalidDataException($"{shard.File}: the header does not match index.json.");
            }
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Sample <paramref name="index"/> exactly as written (Float16 amplitudes widened to float).</summary>
    public SarPairSample Read(long index)
    {
        if (index < 0 || index >= Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"the dataset holds samples 0..{Count - 1}");
        var entry = Index.Samples[(int)index];
        int n = Size, area = n * n;
        int recordBytes = (int)Index.RecordBytes;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(recordBytes);
        try
        {
            var record = buffer.AsSpan(0, recordBytes);
            var handle = Handle(entry.Shard);
            int read = 0;
            while (read < recordBytes)
            {
                int got = RandomAccess.Read(handle, record[read..], entry.Offset + read);
                if (got <= 0) throw new InvalidDataException($"{Index.Shards[entry.Shard].File}: sample {index} is truncated.");
                read += got;
            }
            if (VerifyChecksums && SampleShardFormat.Hex(SampleShardFormat.Checksum(record)) != entry.Checksum)
                throw new InvalidDataException($"{Index.Shards[entry.Shard].File}: sample {index} does not match its checksum (corrupt file).");
            var pre = new float[area];
            var post = new float[area];
            var dx = new float[area];
            var dy = new float[area];
            SampleShardFormat.Decode(record, Index.Amplitude, pre, post, dx, dy);
            return new SarPairSample(n, pre, post, dx, dy, entry.Parameters);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The dataset index a seed maps to: (seed − BaseSeed) mod Count.</summary>
    public long IndexOfSeed(long seed)
    {
        long r = (long)(((Int128)seed - Index.BaseSeed) % Count);
        return r < 0 ? r + Count : r;
    }

    /// <summary>Sample <see cref="IndexOfSeed"/>(seed), or a seed-chosen <paramref name="size"/>² crop of it.</summary>
    public SarPairSample Generate(int size, long seed)
    {
        if (size < 1 || size > Size)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"the dataset's samples are {Size}×{Size}; ask for at most that");
        long index = IndexOfSeed(seed);
        var sample = Read(index);
        if (size == Size) return sample;

        ulong h = PixelHash.Mix((ulong)seed ^ 0x6A09E667F3BCC909UL);
        int span = Size - size + 1;
        int x0 = (int)(h % (ulong)span), y0 = (int)((h >> 32) % (ulong)span);
        var parameters = new SortedDictionary<string, string>(sample.Parameters.ToDictionary(), StringComparer.Ordinal)
        {
            ["dataset_index"] = index.ToString(CultureInfo.InvariantCulture),
            ["crop_x"] = x0.ToString(CultureInfo.InvariantCulture),
            ["crop_y"] = y0.ToString(CultureInfo.InvariantCulture),
            ["crop_size"] = size.ToString(CultureInfo.InvariantCulture),
        };
        return new SarPairSample(size, Crop(sample.Pre), Crop(sample.Post), Crop(sample.Dx), Crop(sample.Dy), parameters);

        float[] Crop(float[] plane)
        {
            var result = new float[size * size];
            for (int y = 0; y < size; y++) plane.AsSpan((y0 + y) * Size + x0, size).CopyTo(result.AsSpan(y * size, size));
            return result;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var h in _handles) h?.Dispose();
        }
    }

    private SafeFileHandle Handle(int shard)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_handles[shard] is { } open) return open;
            string path = Path.Combine(Folder, Index.Shards[shard].File);
            if (!File.Exists(path)) throw new InvalidDataException($"{path}: shard listed in index.json is missing.");
            return _handles[shard] = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        }
    }
}
