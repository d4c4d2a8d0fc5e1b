using System.Text.Json;
using System.Text.Json.Serialization;
using GeoFlowNetSar.Raster.Metadata;

namespace GeoFlowNetSar.Grains.Services;

/// <summary>What preparing a scene found and wrote (stored as the run's prepared.json, written after every chunk blob).</summary>
public sealed record PreparedScene(
    int Width, int Height, int ChunkSize, int Chunks, double PixelSpacingX, double PixelSpacingY, bool HasGeoreference, double Seconds)
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PreparedScene FromJson(string json) =>
        JsonSerializer.Deserialize<PreparedScene>(json, Json) ?? throw new InvalidDataException("Empty prepared-scene manifest.");
}

/// <summary>PRE's georeferencing, carried from the scene grain to the stitcher as a small JSON blob.</summary>
public sealed record Georeference(
    double[]? GeoTransform, string Projection, IReadOnlyList<GroundControlPoint> Gcps, string GcpProjection)
{
    public static Georeference From(RasterInfo info) =>
        new(info.GeoTransform?.ToArray(), info.Projection, info.Gcps, info.GcpProjection);

    public RasterInfo ToRasterInfo(string name, int width, int height) => new()
    {
        Name = name,
        Width = width,
        Height = height,
        GeoTransform = GeoTransform is { } gt ? Raster.Metadata.GeoTransform.FromArray(gt) : null,
        Projection = Projection,
        Gcps = Gcps,
        GcpProjection = GcpProjection,
    };

    public string ToJson() => JsonSerializer.Serialize(this, PreparedScene.Json);

    public static Georeference FromJson(string json) =>
        JsonSerializer.Deserialize<Georeference>(json, PreparedScene.Json) ?? throw new InvalidDataException("Empty georeference.");
}
