using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using GeoFlowNetSar.Cli.Terminal;

namespace GeoFlowNetSar.Cli.Settings;

/// <summary>The sweep that chose a method's best setting: command, date and the validation scenes it scored on.</summary>
public sealed record SweepProvenance(string Command, DateTime DateUtc, int Scenes, int Size, IReadOnlyList<long> Seeds, string Rule,
    IReadOnlyList<string> Skipped);

/// <summary>One method's best window/step as a sweep measured it (errors pooled over the sweep's scenes, px).</summary>
public sealed record BestSetting(string Method, int Window, int Step, double MaeDx, double MaeDy, double NearFaultMae, double Coverage,
    double SecondsPerMegapixel, SweepProvenance Sweep)
{
    public double MeanMae => 0.5 * (MaeDx + MaeDy);

    public string Setting => $"{Window}/{Step}";
}

/// <summary>
/// best-settings.json: one entry per method, written by `geoflownet sweep` (its own best-&lt;method&gt;.json, and
/// merged into a shared file with --best-file) and read by `geoflownet evaluate`. The repository's copy
/// (docs/sweeps/best-settings.json) is embedded in the CLI so an installed tool carries the settings it was built with.
/// </summary>
public static class BestSettingsFile
{
    public const string Format = "geoflownet-sar-best-settings";
    public const string ResourceName = "GeoFlowNetSar.Cli.best-settings.json";
    public const string RepositoryPath = "docs/sweeps/best-settings.json";

    /// <summary>The settings this build was made with (docs/sweeps/best-settings.json, embedded); empty if none shipped.</summary>
    public static IReadOnlyDictionary<string, BestSetting> Embedded()
    {
        using var stream = typeof(BestSettingsFile).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null) return new Dictionary<string, BestSetting>();
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), $"embedded {RepositoryPath}");
    }

    public static IReadOnlyDictionary<string, BestSetting> Read(string path)
    {
        if (!File.Exists(path)) throw new CliInputException($"{path}: the best-settings file does not exist.");
        return Parse(File.ReadAllText(path), path);
    }

    public static IReadOnlyDictionary<string, BestSetting> Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.GetProperty("format").GetString() != Format)
                throw new CliInputException($"{source}: not a best-settings file (format is not '{Format}').");
            var settings = new Dictionary<string, BestSetting>(StringComparer.OrdinalIgnoreCase);
            foreach (var m in root.GetProperty("methods").EnumerateArray())
            {
                var sweep = m.GetProperty("sweep");
                var entry = new BestSetting(
                    m.GetProperty("method").GetString()!, m.GetProperty("window").GetInt32(), m.GetProperty("step").GetInt32(),
                    Number(m, "mae_dx"), Number(m, "mae_dy"), Number(m, "near_fault_mae"), Number(m, "coverage"), Number(m, "seconds_per_megapixel"),
                    new SweepProvenance(sweep.GetProperty("command").GetString()!,
                        DateTime.Parse(sweep.GetProperty("date_utc").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                        sweep.GetProperty("scenes").GetInt32(), sweep.GetProperty("size").GetInt32(),
                        sweep.GetProperty("seeds").EnumerateArray().Select(s => s.GetInt64()).ToList(),
                        sweep.GetProperty("rule").GetString()!,
                        sweep.TryGetProperty("skipped", out var skipped) ? skipped.EnumerateArray().Select(s => s.GetString()!).ToList() : []));
                if (entry.Window < 8 || entry.Step < 1)
                    throw new CliInputException($"{source}: {entry.Method}: window {entry.Window} / step {entry.Step} is not a usable setting.");
                settings[entry.Method] = entry;
            }
            return settings;
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new CliInputException($"{source}: not a readable best-settings file ({error.Message}).");
        }
    }

    /// <summary>Writes <paramref name="settings"/> (ordered by method) to <paramref name="path"/>, replacing it whole.</summary>
    public static void Write(string path, IEnumerable<BestSetting> settings)
    {
        string temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("version", 1);
            w.WriteStartArray("methods");
            foreach (var s in settings.OrderBy(s => s.Method, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("method", s.Method);
                w.WriteNumber("window", s.Window);
                w.WriteNumber("step", s.Step);
                w.WriteNumber("mean_mae", Math.Round(s.MeanMae, 5));
                w.WriteNumber("mae_dx", Math.Round(s.MaeDx, 5));
                w.WriteNumber("mae_dy", Math.Round(s.MaeDy, 5));
                WriteNumber(w, "near_fault_mae", s.NearFaultMae, 5);
                WriteNumber(w, "coverage", s.Coverage, 4);
                WriteNumber(w, "seconds_per_megapixel", s.SecondsPerMegapixel, 2);
                w.WriteStartObject("sweep");
                w.WriteString("command", s.Sweep.Command);
                w.WriteString("date_utc", s.Sweep.DateUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                w.WriteNumber("scenes", s.Sweep.Scenes);
                w.WriteNumber("size", s.Sweep.Size);
                w.WriteStartArray("seeds");
                foreach (long seed in s.Sweep.Seeds) w.WriteNumberValue(seed);
                w.WriteEndArray();
                w.WriteString("rule", s.Sweep.Rule);
                w.WriteStartArray("skipped");
                foreach (var skipped in s.Sweep.Skipped) w.WriteStringValue(skipped);
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Replaces (or adds) one method's entry in the file at <paramref name="path"/>, keeping the others.</summary>
    public static void Merge(string path, BestSetting setting)
    {
        var settings = File.Exists(path) ? Read(path).Values.ToDictionary(s => s.Method, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, BestSetting>(StringComparer.OrdinalIgnoreCase);
        settings[setting.Method] = setting;
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        Write(path, settings.Values);
    }

    private static double Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN;

    private static void WriteNumber(Utf8JsonWriter w, string name, double value, int digits)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, Math.Round(value, digits));
        else w.WriteNull(name);
    }
}
