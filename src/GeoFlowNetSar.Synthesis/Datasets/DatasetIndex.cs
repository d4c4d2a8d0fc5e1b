using System.Globalization;
using System.Text.Json;

namespace GeoFlowNetSar.Synthesis.Datasets;

/// <summary>One shard file of a dataset.</summary>
public sealed record DatasetShard(string File, long FirstIndex, int Count, long Bytes);

/// <summary>One sample: where its record is, its checksum, its seed and every generation parameter.</summary>
public sealed record DatasetSample(long Index, long Seed, int Shard, long Offset, string Checksum, IReadOnlyDictionary<string, string> Parameters);

/// <summary>
/// The content of a dataset's <c>index.json</c>: layout, provenance (<see cref="Source"/>: generator, options, inputs)
/// and every sample. Sample i has seed <see cref="BaseSeed"/> + i (the trainer's seed rule, so a simulator dataset holds
/// exactly the samples `geoflownet train --seed BaseSeed` would draw, before augmentation). Written without timestamps,
/// so the same command gives byte-identical files.
/// </summary>
public sealed record DatasetIndex(
    int Size,
    long Count,
    AmplitudeEncoding Amplitude,
    int SamplesPerShard,
    long RecordBytes,
    long BaseSeed,
    IReadOnlyDictionary<string, string> Source,
    IReadOnlyList<DatasetShard> Shards,
    IReadOnlyList<DatasetSample> Samples)
{
    public const string Format = "geoflownet-sar-samples";

    public byte[] ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("version", SampleShardFormat.Version);
            w.WriteNumber("size", Size);
            w.WriteNumber("count", Count);
            w.WriteString("byte_order", "little-endian");
            w.WriteStartArray("layout");
            foreach (var plane in new[] { "pre", "post", "dx", "dy" }) w.WriteStringValue(plane);
            w.WriteEndArray();
            w.WriteString("amplitude_encoding", SampleShardFormat.Describe(Amplitude));
            w.WriteString("displacement_encoding", "float32");
            w.WriteNumber("header_bytes", SampleShardFormat.HeaderBytes);
            w.WriteNumber("record_bytes", RecordBytes);
            w.WriteNumber("samples_per_shard", SamplesPerShard);
            w.WriteNumber("base_seed", BaseSeed);
            w.WriteString("seed_rule", "sample i has seed base_seed + i");
            w.WriteString("checksum", "FNV-1a 64 of the record, 8-byte little-endian words");
            WriteMap(w, "source", Source);
            w.WriteStartArray("shards");
            foreach (var s in Shards)
            {
                w.WriteStartObject();
                w.WriteString("file", s.File);
                w.WriteNumber("first_index", s.FirstIndex);
                w.WriteNumber("count", s.Count);
                w.WriteNumber("bytes", s.Bytes);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("samples");
            foreach (var s in Samples)
            {
                w.WriteStartObject();
                w.WriteNumber("index", s.Index);
                w.WriteNumber("seed", s.Seed);
                w.WriteNumber("shard", s.Shard);
                w.WriteNumber("offset", s.Offset);
                w.WriteString("checksum", s.Checksum);
                WriteMap(w, "parameters", s.Parameters);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>Parses index.json; <see cref="InvalidDataException"/> with the reason when it is not a valid index.</summary>
    public static DatasetIndex Parse(ReadOnlySpan<byte> json, string name)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var root = doc.RootElement;
            if (root.GetProperty("format").GetString() != Format)
                throw new InvalidDataException($"{name}: not a GeoFlowNet-SAR sample index (format is not '{Format}').");
            int version = root.GetProperty("version").GetInt32();
            if (version != SampleShardFormat.Version)
                throw new InvalidDataException($"{name}: index version {version}, this reader knows {SampleShardFormat.Version}.");
            var shards = root.GetProperty("shards").EnumerateArray().Select(s => new DatasetShard(
                s.GetProperty("file").GetString()!, s.GetProperty("first_index").GetInt64(), s.GetProperty("count").GetInt32(),
                s.GetProperty("bytes").GetInt64())).ToList();
            var samples = root.GetProperty("samples").EnumerateArray().Select(s => new DatasetSample(
                s.GetProperty("index").GetInt64(), s.GetProperty("seed").GetInt64(), s.GetProperty("shard").GetInt32(),
                s.GetProperty("offset").GetInt64(), s.GetProperty("checksum").GetString()!, ReadMap(s.GetProperty("parameters")))).ToList();
            var index = new DatasetIndex(
                root.GetProperty("size").GetInt32(), root.GetProperty("count").GetInt64(),
                SampleShardFormat.ParseEncoding(root.GetProperty("amplitude_encoding").GetString()!),
                root.GetProperty("samples_per_shard").GetInt32(), root.GetProperty("record_bytes").GetInt64(),
                root.GetProperty("base_seed").GetInt64(), ReadMap(root.GetProperty("source")), shards, samples);
            index.Validate(name);
            return index;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{name}: not a valid sample index ({e.Message}).", e);
        }
    }

    /// <summary>Checks that shards and samples agree with each other and with the layout.</summary>
    public void Validate(string name)
    {
        if (Size < 1 || Count < 1 || SamplesPerShard < 1 || Samples.Count != Count)
            throw new InvalidDataException($"{name}: the index lists {Samples.Count} samples for a count of {Count}.");
        if (RecordBytes != SampleShardFormat.RecordBytes(Size, Amplitude))
            throw new InvalidDataException($"{name}: record_bytes {RecordBytes} does not match size {Size} and the encoding.");
        for (int i = 0; i < Samples.Count; i++)
        {
            var s = Samples[i];
            if (s.Index != i || s.Shard < 0 || s.Shard >= Shards.Count)
                throw new InvalidDataException($"{name}: sample entry {i} is out of order or names a missing shard.");
            var shard = Shards[s.Shard];
            long k = i - shard.FirstIndex;
            if (k < 0 || k >= shard.Count || s.Offset != SampleShardFormat.HeaderBytes + k * RecordBytes)
                throw new InvalidDataException($"{name}: sample {i} does not lie where its shard says.");
        }
        foreach (var shard in Shards)
        {
            if (shard.File.Contains('/') || shard.File.Contains('\\') || shard.File.StartsWith('.'))
                throw new InvalidDataException($"{name}: shard file '{shard.File}' must be a plain file name in the dataset folder.");
            if (shard.Bytes != SampleShardFormat.HeaderBytes + shard.Count * RecordBytes)
                throw new InvalidDataException($"{name}: shard '{shard.File}' has the wrong byte count.");
        }
    }

    private static void WriteMap(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string> map)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteString(key, value);
        w.WriteEndObject();
    }

    private static SortedDictionary<string, string> ReadMap(JsonElement e)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject())
            map[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
        return map;
    }

    internal static string Invariant(long v) => v.ToString(CultureInfo.InvariantCulture);
}
