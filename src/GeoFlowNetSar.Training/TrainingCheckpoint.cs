using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using GeoFlowNetSar.Model.Network;
using GeoFlowNetSar.Model.Weights;
using GeoFlowNetSar.Training.Optimization;

namespace GeoFlowNetSar.Training;

/// <summary>
/// A full training checkpoint (".gfnc") for resuming: float32 weights (TorchSharp's module format), the
/// optimizer's state (<see cref="AdamOptimizer.Save"/>: Adam moments, step count, learning rate) and the
/// trainer's own state as JSON (<paramref name="State"/>: step, samples consumed, schedule position, best
/// validation…). The file ends with the sha256 of everything before it, so a torn write or corruption is caught.
/// </summary>
/// <remarks>
/// Layout: 8-byte magic "GFNSARC\0", u16 format version, u16 reserved, u32 JSON length, JSON (architecture width
/// and the trainer state), i64 module byte count, module bytes, i64 optimizer byte count, optimizer bytes,
/// 32-byte sha256 of all preceding bytes.
/// </remarks>
public static class TrainingCheckpoint
{
    public const int FormatVersion = 1;
    public const string FileExtension = ".gfnc";

    private static readonly byte[] Magic = "GFNSARC\0"u8.ToArray();

    public static void Save(string path, GeoFlowNetUNet model, AdamOptimizer optimizer, JsonElement state)
    {
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write((ushort)FormatVersion);
            writer.Write((ushort)0);
            var json = JsonSerializer.SerializeToUtf8Bytes(new Envelope(model.Architecture.WidthMultiplier, state,
                model.Architecture.StoredContextDilations));
            writer.Write(json.Length);
            writer.Write(json);
            WriteSection(writer, w => model.save(w));
            WriteSection(writer, optimizer.Save);
        }
        byte[] bytes = body.ToArray();
        byte[] hash = SHA256.HashData(bytes);

        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Write(hash);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Reads the architecture and trainer state without touching a model.</summary>
    public static (UNetArchitecture Architecture, JsonElement State) ReadState(string path)
    {
        var (envelope, _, _) = Read(path);
        return (envelope.Architecture, envelope.State);
    }

    /// <summary>
    /// Restores <paramref name="model"/> (same architecture) and <paramref name="optimizer"/> (built over that
    /// model's parameters, same kind) and returns the trainer state.
    /// </summary>
    public static JsonElement Load(string path, GeoFlowNetUNet model, AdamOptimizer optimizer)
    {
        var (envelope, bytes, sections) = Read(path);
        if (!envelope.Architecture.Equals(model.Architecture))
            throw new ModelWeightsException(path, $"mismatched architecture: the checkpoint holds {envelope.Architecture}, the model is {model.Architecture}.");
        try
        {
            using (var reader = new BinaryReader(new MemoryStream(bytes, sections.Module.Start, sections.Module.Length, writable: false)))
                model.load(reader, strict: true);
            using (var reader = new BinaryReader(new MemoryStream(bytes, sections.Optimizer.Start, sections.Optimizer.Length, writable: false)))
                optimizer.Load(reader);
        }
        catch (Exception e) when (e is not ModelWeightsException and not OutOfMemoryException)
        {
            throw new ModelWeightsException(path, $"mismatched checkpoint: {e.Message}", e);
        }
        return envelope.State;
    }

    private static void WriteSection(BinaryWriter writer, Action<BinaryWriter> write)
    {
        writer.Flush();
        var stream = writer.BaseStream;
        long lengthAt = stream.Position;
        writer.Write(0L);
        write(writer);
        writer.Flush();
        long end = stream.Position;
        stream.Position = lengthAt;
        writer.Write(end - lengthAt - 8);
        writer.Flush();
        stream.Position = end;
    }

    private static (Envelope Envelope, byte[] Bytes, ((int Start, int Length) Module, (int Start, int Length) Optimizer) Sections) Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelWeightsException(path, $"cannot be opened: {e.Message}", e);
        }
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new ModelWeightsException(path, "not a GeoFlowNet-SAR training checkpoint (bad magic number).");
        if (bytes.Length < 16 + 32)
            throw new ModelWeightsException(path, $"truncated: {bytes.Length} bytes.");
        int version = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        if (version != FormatVersion)
            throw new ModelWeightsException(path, $"unsupported checkpoint format version {version} (this build reads version {FormatVersion}).");
        int bodyLength = bytes.Length - 32;
        if (!SHA256.HashData(bytes.AsSpan(0, bodyLength)).AsSpan().SequenceEqual(bytes.AsSpan(bodyLength)))
            throw new ModelWeightsException(path, "corrupt or truncated: the sha256 trailer does not match the content.");

        int at = 12;
        int jsonLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));
        at += 4;
        if (jsonLength <= 0 || at + jsonLength > bodyLength)
            throw new ModelWeightsException(path, "corrupt: bad state length.");
        var envelope = JsonSerializer.Deserialize<Envelope>(bytes.AsSpan(at, jsonLength))
            ?? throw new ModelWeightsException(path, "corrupt: empty state.");
        at += jsonLength;
        var module = Section(ref at);
        var optimizer = Section(ref at);
        if (at != bodyLength) throw new ModelWeightsException(path, "corrupt: unexpected bytes after the optimizer state.");
        return (envelope, bytes, (module, optimizer));

        (int Start, int Length) Section(ref int position)
        {
            if (position + 8 > bodyLength) throw new ModelWeightsException(path, "truncated: a section is missing.");
            long length = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(position));
            position += 8;
            if (length < 0 || position + length > bodyLength) throw new ModelWeightsException(path, "corrupt: bad section length.");
            var section = (position, (int)length);
            position += (int)length;
            return section;
        }
    }

    private sealed record Envelope(double WidthMultiplier, JsonElement State, int[]? ContextDilations = null)
    {
        [System.Text.Json.Serialization.JsonIgnore]
        public UNetArchitecture Architecture => new(WidthMultiplier, ContextDilations);
    }
}
