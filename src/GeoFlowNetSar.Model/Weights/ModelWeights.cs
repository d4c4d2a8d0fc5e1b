using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using GeoFlowNetSar.Model.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Model.Weights;

/// <summary>
/// The compact weights file (".gfnw") that ships a trained model: half precision (IEEE float16: 10-bit mantissa,
/// relative rounding ≤ 2⁻¹¹ — better than bfloat16 for weights, which are far inside float16's range), ≈ 12 MB
/// for the 6 M-parameter network.
/// </summary>
/// <remarks>
/// Layout (little-endian): 8-byte magic "GFNSARW\0", u16 format version, u16 reserved (0), u32 header length,
/// UTF-8 JSON header (architecture, element type, tensor names and shapes in order, payload length and sha256,
/// metadata), then the payload: every tensor's float16 values, row-major, in header order. Loading checks the
/// magic, version, lengths, hash, architecture and every tensor name and shape, and names the file and the
/// problem in a <see cref="ModelWeightsException"/>.
/// </remarks>
public static class ModelWeights
{
    public const int FormatVersion = 1;
    public const string FileExtension = ".gfnw";
    public const string ElementType = "float16";

    private static readonly byte[] Magic = "GFNSARW\0"u8.ToArray();
    private const int PreambleBytes = 16;
    private const int MaxHeaderBytes = 1 << 20;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    /// <summary>Writes <paramref name="model"/>'s weights to <paramref name="path"/> (atomically: temp file, then rename).</summary>
    public static WeightsInfo Save(GeoFlowNetUNet model, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        // Every temporary tensor lives in a dispose scope: an unreferenced TorchSharp temporary can otherwise be
        // finalized on the GC thread while libtorch still uses it.
        using var scope = NewDisposeScope();
        var tensors = new List<TensorEntry>();
        long count = 0;
        var state = model.state_dict();
        foreach (var (name, value) in state)
        {
            tensors.Add(new TensorEntry(name, value.shape));
            count += value.numel();
        }
        var payload = new byte[checked(count * 2)];
        long offset = 0;
        foreach (var (name, value) in state)
        {
            var cpu = value.detach().to(ScalarType.Float32, CPU).contiguous();
            var values = cpu.data<float>().ToArray();
            for (int i = 0; i < values.Length; i++)
            {
                float v = values[i];
                if (!float.IsFinite(v) || Math.Abs(v) > (float)Half.MaxValue)
                    throw new ModelWeightsException(path, $"cannot be written: {name}[{i}] = {v} is not finite or outside the float16 range.");
                BinaryPrimitives.WriteHalfLittleEndian(payload.AsSpan(checked((int)(offset + 2L * i)), 2), (Half)v);
            }
            offset += 2L * values.Length;
        }

        var header = new Header
        {
            Architecture = new ArchitectureEntry(model.Architecture.WidthMultiplier, model.Architecture.Channels.ToArray(),
                model.Architecture.StoredContextDilations),
            ElementType = ElementType,
            Tensors = tensors,
            PayloadBytes = payload.LongLength,
            PayloadSha256 = Convert.ToHexStringLower(SHA256.HashData(payload)),
            Metadata = metadata is null ? new() : new Dictionary<string, string>(metadata),
        };
        byte[] headerBytes = JsonSerializer.SerializeToUtf8Bytes(header, Json);

        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            Span<byte> preamble = stackalloc byte[PreambleBytes];
            Magic.CopyTo(preamble);
            BinaryPrimitives.WriteUInt16LittleEndian(preamble[8..], FormatVersion);
            BinaryPrimitives.WriteUInt16LittleEndian(preamble[10..], 0);
            BinaryPrimitives.WriteUInt32LittleEndian(preamble[12..], (uint)headerBytes.Length);
            stream.Write(preamble);
            stream.Write(headerBytes);
            stream.Write(payload);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, full, overwrite: true);
        return ToInfo(header, count);
    }

    /// <summary>Reads and checks the header only (cheap: no payload hashing).</summary>
    public static WeightsInfo ReadInfo(string path)
    {
        using var stream = OpenRead(path);
        var (header, _) = ReadHeader(path, stream);
        return ToInfo(header, header.Tensors!.Sum(t => Elements(t.Shape)));
    }

    /// <summary>Builds the model the file describes and loads its weights (float32 on the CPU).</summary>
    public static (GeoFlowNetUNet Model, WeightsInfo Info) LoadModel(string path)
    {
        var (header, payload) = ReadVerified(path);
        var architecture = ArchitectureOf(path, header);
        var model = new GeoFlowNetUNet(architecture);
        try
        {
            var info = CopyInto(path, header, payload, model);
            return (model, info);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Loads the file's weights into an existing <paramref name="model"/>, which must have the file's architecture.</summary>
    public static WeightsInfo Load(GeoFlowNetUNet model, string path)
    {
        var (header, payload) = ReadVerified(path);
        var architecture = ArchitectureOf(path, header);
        if (!architecture.Equals(model.Architecture))
            throw new ModelWeightsException(path, $"mismatched architecture: the file holds {architecture}, the model is {model.Architecture}.");
        return CopyInto(path, header, payload, model);
    }

    /// <summary>
    /// Initialises <paramref name="model"/> from a file of a smaller architecture of the same width — the paper's
    /// network into one with context units: every tensor of the file must exist in the model with the same shape
    /// and is copied; the model's other tensors keep their initialisation (context units start as the identity,
    /// so the model computes what the file's network did). Returns the file's info and the names left untouched.
    /// </summary>
    public static (WeightsInfo Info, IReadOnlyList<string> Untouched) InitialiseFrom(GeoFlowNetUNet model, string path)
    {
        var (header, payload) = ReadVerified(path);
        var architecture = ArchitectureOf(path, header);
        if (architecture.WidthMultiplier != model.Architecture.WidthMultiplier)
            throw new ModelWeightsException(path, $"mismatched architecture: the file holds {architecture}, the model is {model.Architecture}; only the context units may differ.");
        var info = CopyInto(path, header, payload, model, subset: true);
        var names = header.Tensors!.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return (info, model.state_dict().Keys.Where(k => !names.Contains(k)).ToList());
    }

    private static WeightsInfo CopyInto(string path, Header header, byte[] payload, GeoFlowNetUNet model, bool subset = false)
    {
        var state = model.state_dict();
        var entries = header.Tensors!;
        var found = entries.Select(t => $"{t.Name} [{string.Join(", ", t.Shape)}]").ToList();
        var expected = state.Select(kv => $"{kv.Key} [{string.Join(", ", kv.Value.shape)}]").ToList();
        // A subset load compares the file with the model's tensors of the same name and shape: a file tensor the
        // model lacks (or has in another shape) is reported as "the file has …".
        if (subset) expected = expected.Where(found.Contains).ToList();
        if (!expected.SequenceEqual(found))
        {
            var missing = expected.Except(found).Take(3).ToList();
            var extra = found.Except(expected).Take(3).ToList();
            throw new ModelWeightsException(path, "mismatched tensors: " +
                (missing.Count > 0 ? $"the model needs {string.Join("; ", missing)}" : "") +
                (missing.Count > 0 && extra.Count > 0 ? ", " : "") +
                (extra.Count > 0 ? $"the file has {string.Join("; ", extra)}" : "") +
                (missing.Count == 0 && extra.Count == 0 ? "same tensors in a different order" : "") + ".");
        }

        long offset = 0, count = 0;
        using (no_grad())
        using (NewDisposeScope())
        {
            foreach (var entry in entries)
            {
                long n = Elements(entry.Shape);
                var values = new float[n];
                for (long i = 0; i < n; i++)
                    values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(payload.AsSpan((int)(offset + 2 * i), 2));
                offset += 2 * n;
                count += n;
                var target = state[entry.Name];
                var source = tensor(values, entry.Shape).to(target.dtype, target.device);
                target.copy_(source);
            }
        }
        return ToInfo(header, count);
    }

    private static (Header Header, byte[] Payload) ReadVerified(string path)
    {
        using var stream = OpenRead(path);
        var (header, payloadStart) = ReadHeader(path, stream);
        long available = stream.Length - payloadStart;
        if (available < header.PayloadBytes)
            throw new ModelWeightsException(path, $"truncated: the header announces {header.PayloadBytes} payload bytes, the file holds {available}.");
        if (available > header.PayloadBytes)
            throw new ModelWeightsException(path, $"corrupt: {available - header.PayloadBytes} unexpected bytes after the payload.");
        var payload = new byte[header.PayloadBytes];
        stream.ReadExactly(payload);
        string actual = Convert.ToHexStringLower(SHA256.HashData(payload));
        if (!string.Equals(actual, header.PayloadSha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelWeightsException(path, $"corrupt: the payload's sha256 is {actual}, the header says {header.PayloadSha256}.");
        return (header, payload);
    }

    private static FileStream OpenRead(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelWeightsException(path, $"cannot be opened: {e.Message}", e);
        }
    }

    private static (Header Header, long PayloadStart) ReadHeader(string path, FileStream stream)
    {
        Span<byte> preamble = stackalloc byte[PreambleBytes];
        int read = stream.ReadAtLeast(preamble, PreambleBytes, throwOnEndOfStream: false);
        if (read >= Magic.Length && !preamble[..Magic.Length].SequenceEqual(Magic) || read < Magic.Length && !Magic.AsSpan(0, read).SequenceEqual(preamble[..read]))
            throw new ModelWeightsException(path, "not a GeoFlowNet-SAR weights file (bad magic number).");
        if (read < PreambleBytes)
            throw new ModelWeightsException(path, $"truncated: {read} bytes, shorter than the {PreambleBytes}-byte preamble.");
        int version = BinaryPrimitives.ReadUInt16LittleEndian(preamble[8..]);
        if (version != FormatVersion)
            throw new ModelWeightsException(path, $"unsupported format version {version} (this build reads version {FormatVersion}).");
        uint headerLength = BinaryPrimitives.ReadUInt32LittleEndian(preamble[12..]);
        if (headerLength == 0 || headerLength > MaxHeaderBytes)
            throw new ModelWeightsException(path, $"corrupt: header length {headerLength} is not plausible.");
        if (stream.Length < PreambleBytes + headerLength)
            throw new ModelWeightsException(path, $"truncated: the header needs {headerLength} bytes, the file holds {stream.Length - PreambleBytes} after the preamble.");
        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        Header? header;
        try
        {
            header = JsonSerializer.Deserialize<Header>(headerBytes, Json);
        }
        catch (JsonException e)
        {
            throw new ModelWeightsException(path, $"corrupt header: {e.Message}", e);
        }
        if (header?.Architecture is null || header.Tensors is null || header.PayloadSha256 is null)
            throw new ModelWeightsException(path, "corrupt header: architecture, tensors or payload hash missing.");
        if (header.ElementType != ElementType)
            throw new ModelWeightsException(path, $"unsupported element type '{header.ElementType}' (expected {ElementType}).");
        if (header.Tensors.Any(t => t.Name is null || t.Shape is null || t.Shape.Any(d => d < 0)))
            throw new ModelWeightsException(path, "corrupt header: a tensor entry has no name or an invalid shape.");
        long elements = header.Tensors.Sum(t => Elements(t.Shape));
        if (header.PayloadBytes != 2 * elements)
            throw new ModelWeightsException(path, $"corrupt header: {elements} values need {2 * elements} payload bytes, the header says {header.PayloadBytes}.");
        return (header, PreambleBytes + headerLength);
    }

    private static UNetArchitecture ArchitectureOf(string path, Header header)
    {
        UNetArchitecture architecture;
        try
        {
            architecture = new UNetArchitecture(header.Architecture!.WidthMultiplier, header.Architecture.ContextDilations);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ModelWeightsException(path, $"mismatched architecture: {e.Message}", e);
        }
        if (header.Architecture.Channels is { } channels && !channels.SequenceEqual(architecture.Channels))
            throw new ModelWeightsException(path, $"mismatched architecture: the file's channels {string.Join("→", channels)} are not those of width {architecture.WidthMultiplier.ToString(CultureInfo.InvariantCulture)} in this build ({string.Join("→", architecture.Channels)}).");
        return architecture;
    }

    private static WeightsInfo ToInfo(Header header, long parameterCount) => new(
        FormatVersion,
        new UNetArchitecture(header.Architecture!.WidthMultiplier, header.Architecture.ContextDilations),
        header.ElementType!,
        parameterCount,
        header.PayloadBytes,
        header.PayloadSha256!.ToLowerInvariant(),
        header.Metadata ?? new Dictionary<string, string>());

    private static long Elements(long[] shape) => shape.Aggregate(1L, (a, b) => checked(a * b));

    private sealed record ArchitectureEntry(double WidthMultiplier, int[]? Channels, int[]? ContextDilations = null);

    private sealed record TensorEntry(string Name, long[] Shape);

    private sealed class Header
    {
        public ArchitectureEntry? Architecture { get; set; }
        public string? ElementType { get; set; }
        public List<TensorEntry>? Tensors { get; set; }
        public long PayloadBytes { get; set; }
        public string? PayloadSha256 { get; set; }
        public Dictionary<string, string>? Metadata { get; set; }
    }
}
