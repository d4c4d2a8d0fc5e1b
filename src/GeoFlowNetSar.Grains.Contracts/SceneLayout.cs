using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GeoFlowNetSar.Grains.Contracts;

/// <summary>
/// Blob names of a scene. Inputs are cut under scenes/&lt;id&gt;/&lt;run key&gt;/chunks/&lt;k&gt;/{pre,post}.f32 and
/// tiles write scenes/&lt;id&gt;/&lt;run key&gt;/tiles/&lt;k&gt;.acc; the run key hashes everything that changes a chunk's
/// numbers (input blobs and their versions, band, dB, method, window, step, chunk size, model hash), so the same key
/// means the same accumulator: the idempotence rule. Results go to results/&lt;id&gt;/.
/// </summary>
public static class SceneLayout
{
    public const string MosaicName = "displacement.tif";
    public const string ReportName = "report.json";
    public const string QuickLookName = "quicklook.png";

    /// <summary>Scene ids: 1–64 of letters, digits, '-', '_' and '.', not starting with '.'.</summary>
    public static bool IsValidSceneId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && id[0] != '.' &&
        id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public static string ScenePrefix(string sceneId) => $"scenes/{sceneId}/";

    public static string RunPrefix(string sceneId, string runKey) => $"scenes/{sceneId}/{runKey}/";

    public static string ChunkPre(string sceneId, string runKey, int chunk) => $"{RunPrefix(sceneId, runKey)}chunks/{chunk}/pre.f32";

    public static string ChunkPost(string sceneId, string runKey, int chunk) => $"{RunPrefix(sceneId, runKey)}chunks/{chunk}/post.f32";

    /// <summary>Written last by the preparation: its presence means every chunk blob of the run exists.</summary>
    public static string PreparedManifest(string sceneId, string runKey) => $"{RunPrefix(sceneId, runKey)}prepared.json";

    public static string Georeference(string sceneId, string runKey) => $"{RunPrefix(sceneId, runKey)}georeference.json";

    public static string Accumulator(string sceneId, string runKey, int chunk) => $"{RunPrefix(sceneId, runKey)}tiles/{chunk}.acc";

    public static string ResultsPrefix(string sceneId) => $"results/{sceneId}/";

    public static string Result(string sceneId, string name) => $"{ResultsPrefix(sceneId)}{name}";

    public static string TileKey(string sceneId, string runKey, int chunk) => $"{sceneId}/{runKey}/{chunk}";

    /// <summary>A short, stable hash of the given parts (invariant culture, '|' separated).</summary>
    public static string RunKey(params object?[] parts)
    {
        var text = string.Join("|", parts.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture) ?? "null"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
