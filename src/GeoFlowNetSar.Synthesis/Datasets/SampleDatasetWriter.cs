using GeoFlowNetSar.Synthesis.Samples;

namespace GeoFlowNetSar.Synthesis.Datasets;

/// <summary>What to write: how many samples, their size, the base seed and the storage layout.</summary>
public sealed record SampleDatasetOptions
{
    public required long Count { get; init; }
    public int Size { get; init; } = 256;

    /// <summary>Sample i is generated with seed BaseSeed + i.</summary>
    public long BaseSeed { get; init; }

    public AmplitudeEncoding Amplitude { get; init; } = AmplitudeEncoding.Float32;
    public int SamplesPerShard { get; init; } = 256;

    /// <summary>Samples generated concurrently (the output is the same whatever the value).</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>Provenance written to index.json ("source"): generator, options, inputs.</summary>
    public IReadOnlyDictionary<string, string> Source { get; init; } = new Dictionary<string, string>();

    public void Validate()
    {
        if (Count < 1) throw new ArgumentOutOfRangeException(nameof(Count), Count, "a dataset needs at least one sample");
        if (Size < 8) throw new ArgumentOutOfRangeException(nameof(Size), Size, "samples must be at least 8 pixels");
        if (SamplesPerShard < 1) throw new ArgumentOutOfRangeException(nameof(SamplesPerShard), SamplesPerShard, "must be ≥ 1");
        if (SampleShardFormat.RecordBytes(Size, Amplitude) > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(Size), Size, "one sample record must stay below 2 GB");
        if (Count > long.MaxValue - BaseSeed && BaseSeed > 0) throw new ArgumentOutOfRangeException(nameof(Count), "seeds would overflow");
    }
}

/// <summary>
/// Writes <see cref="SampleDatasetOptions.Count"/> samples of a generator as binary shards plus index.json
/// (<see cref="SampleShardFormat"/>). Samples are generated in parallel in batches and written in index order, so the
/// files are identical for any parallelism; memory holds one batch (4 × parallelism samples).
/// </summary>
public static class SampleDatasetWriter
{
    /// <param name="folder">An existing empty folder (the caller makes the result appear atomically, e.g. by renaming it).</param>
    /// <param name="progress">Receives the number of samples written so far.</param>
    public static DatasetIndex Write(string folder, ISarPairGenerator generator, SampleDatasetOptions options,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        SampleShardFormat.EnsureLittleEndian();
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: the dataset folder does not exist.");
        if (Directory.EnumerateFileSystemEntries(folder).Any()) throw new IOException($"{folder}: the dataset folder is not empty.");

        int size = options.Size, perShard = options.SamplesPerShard, parallelism = Math.Max(1, options.Parallelism);
        var encoding = options.Amplitude;
        long count = options.Count, recordBytes = SampleShardFormat.RecordBytes(size, encoding);
        int shardCount = checked((int)((count + perShard - 1) / perShard));
        var shards = new List<DatasetShard>(shardCount);
        var samples = new List<DatasetSample>((int)Math.Min(count, int.MaxValue));

        int batch = 4 * parallelism;
        var records = new byte[batch][];
        var entries = new (string Checksum, IReadOnlyDictionary<string, string> Parameters)[batch];
        FileStream? stream = null;
        int shard = -1;
        try
        {
            for (long start = 0; start < count; start += batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int n = (int)Math.Min(batch, count - start);
                Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, k =>
                {
                    long index = start + k, seed = options.BaseSeed + index;
                    var sample = generator.Generate(size, seed);
                    Check(sample, size, seed);
                    var record = records[k] ??= new byte[recordBytes];
                    SampleShardFormat.Encode(sample.Pre, sample.Post, sample.Dx, sample.Dy, encoding, record);
                    entries[k] = (SampleShardFormat.Hex(SampleShardFormat.Checksum(record)), sample.Parameters);
                });
                for (int k = 0; k < n; k++)
                {
                    long index = start + k;
                    int s = (int)(index / perShard);
                    if (s != shard)
                    {
                        Finish(stream);
                        shard = s;
                        long first = (long)s * perShard;
                        int inShard = (int)Math.Min(perShard, count - first);
                        string name = SampleShardFormat.ShardFileName(s);
                        stream = new FileStream(Path.Combine(folder, name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
                        stream.Write(SampleShardFormat.Header(size, inShard, encoding, first));
                        shards.Add(new DatasetShard(name, first, inShard, SampleShardFormat.HeaderBytes + inShard * recordBytes));
                    }
                    long offset = stream!.Position;
                    stream.Write(records[k]);
                    var parameters = new SortedDictionary<string, string>(entries[k].Parameters.ToDictionary(), StringComparer.Ordinal);
                    samples.Add(new DatasetSample(index, options.BaseSeed + index, s, offset, entries[k].Checksum, parameters));
                }
                progress?.Report(start + n);
            }
            Finish(stream);
            stream = null;
        }
        finally
        {
            stream?.Dispose();
        }

        var result = new DatasetIndex(size, count, encoding, perShard, recordBytes, options.BaseSeed, options.Source, shards, samples);
        result.Validate(SampleShardFormat.IndexFileName);
        string indexPath = Path.Combine(folder, SampleShardFormat.IndexFileName), temporary = indexPath + ".partial";
        File.WriteAllBytes(temporary, result.ToJson());
        File.Move(temporary, indexPath);
        return result;
    }

    private static void Finish(FileStream? stream)
    {
        if (stream is null) return;
        stream.Flush(flushToDisk: true);
        stream.Dispose();
    }

    private static void Check(SarPairSample sample, int size, long seed)
    {
        int area = size * size;
        if (sample.Size != size || sample.Pre.Length != area || sample.Post.Length != area || sample.Dx.Length != area || sample.Dy.Length != area)
            throw new InvalidOperationException($"The generator returned a sample of the wrong size for {size}×{size} (seed {seed}).");
    }
}
