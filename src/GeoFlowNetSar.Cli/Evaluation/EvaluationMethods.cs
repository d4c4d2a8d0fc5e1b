using System.Globalization;
using System.Security.Cryptography;
using GeoFlowNetSar.Cli.Settings;
using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Model.Weights;

namespace GeoFlowNetSar.Cli.Evaluation;

/// <summary>
/// Which methods the evaluation runs and how: the shipped catalog (with `--model` replacing the U-Net's weights),
/// every method unless `--methods` narrows it. Each method's window/step: an explicit METHOD=W/S in `--settings` wins;
/// otherwise its best sweep setting (best-settings.json: the build's embedded docs/sweeps/best-settings.json, or
/// `--best-settings FILE`), or the paper's (the catalog default) with `--settings paper` or when the sweep file has
/// no entry for it. Every setting says where it came from. Unavailable methods stay in the list with the reason.
/// </summary>
public static class EvaluationMethods
{
    public const string PaperKeyword = "paper";
    public const string BestKeyword = "best";

    public static (EstimatorCatalog Catalog, IReadOnlyList<MethodSetting> Methods) Resolve(string? methodList, string? settingList, string? modelPath,
        string? bestSettingsPath = null)
    {
        var catalog = EstimatorCatalog.Default;
        string weightsPath = modelPath ?? ShippedModel.DefaultPath;
        if (modelPath is not null)
        {
            if (!File.Exists(modelPath)) throw new CliInputException($"{modelPath}: --model: the weights file does not exist.");
            catalog = catalog.With(Guard(modelPath, () => ShippedModel.Method(modelPath)));
        }
        var (useBest, overrides) = ParseSettingsWithBase(settingList);
        var (best, bestSource) = !useBest ? (new Dictionary<string, BestSetting>(), "")
            : bestSettingsPath is not null ? (BestSettingsFile.Read(bestSettingsPath), bestSettingsPath)
            : (BestSettingsFile.Embedded(), BestSettingsFile.RepositoryPath);
        var names = methodList is null
            ? PaperFigures.Ordered(catalog.Methods).Select(m => m.Name).ToList()
            : methodList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (names.Count == 0) throw new CliInputException("--methods: give at least one method.");
        foreach (var name in overrides.Keys)
            if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new CliInputException($"--settings: '{name}' is not one of the methods evaluated ({string.Join(", ", names)}).");

        var methods = names.Select(name =>
        {
            var entry = catalog.Get(name);
            var (window, step, source) = overrides.TryGetValue(entry.Name, out var setting)
                ? (setting.Window, setting.Step, SettingSource.Override)
                : best.TryGetValue(entry.Name, out var swept)
                    ? (swept.Window, swept.Step, SettingSource.FromSweep(swept, bestSource))
                    : (entry.DefaultWindow, entry.DefaultStep, useBest ? SettingSource.PaperNoSweep(bestSource) : SettingSource.Paper);
            string? unavailable = entry.IsAvailable ? null
                : entry.Name == "unet"
                    ? $"no U-Net weights at {weightsPath} (trained weights do not ship yet); pass --model PATH.gfnw or set {ShippedModel.EnvironmentVariable}"
                    : "not available in this build";
            var model = entry.IsAvailable && entry.Name == "unet" ? Describe(weightsPath) : null;
            return new MethodSetting(entry.Name, entry.Description, window, step, unavailable, model, source);
        }).ToList();
        if (!methods.Any(m => m.Available))
            throw new CliInputException($"none of the methods asked for can run here ({string.Join("; ", methods.Select(m => $"{m.Name}: {m.Unavailable}"))}).");
        return (catalog, methods);
    }

    /// <summary>"frequency=64/4,unet=64/32" → {frequency: (64, 4), unet: (64, 32)}.</summary>
    public static Dictionary<string, (int Window, int Step)> ParseSettings(string? text) => ParseSettingsWithBase(text).Overrides;

    /// <summary>
    /// "paper,frequency=64/4" → (best: false, {frequency: (64, 4)}): the base for methods not named ("best", the
    /// default, or "paper") and the explicit per-method settings.
    /// </summary>
    public static (bool UseBest, Dictionary<string, (int Window, int Step)> Overrides) ParseSettingsWithBase(string? text)
    {
        var settings = new Dictionary<string, (int, int)>(StringComparer.OrdinalIgnoreCase);
        bool useBest = true;
        string? keyword = null;
        if (string.IsNullOrWhiteSpace(text)) return (useBest, settings);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Equals(PaperKeyword, StringComparison.OrdinalIgnoreCase) || part.Equals(BestKeyword, StringComparison.OrdinalIgnoreCase))
            {
                if (keyword is not null && !keyword.Equals(part, StringComparison.OrdinalIgnoreCase))
                    throw new CliInputException($"--settings '{text}': give either '{PaperKeyword}' or '{BestKeyword}', not both.");
                keyword = part;
                useBest = part.Equals(BestKeyword, StringComparison.OrdinalIgnoreCase);
                continue;
            }
            var pieces = part.Split('=', '/');
            if (pieces.Length != 3
                || !int.TryParse(pieces[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int window) || window < 8
                || !int.TryParse(pieces[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int step) || step < 1)
                throw new CliInputException($"--settings '{part}': expected '{BestKeyword}', '{PaperKeyword}' or METHOD=WINDOW/STEP with a window of at least 8 and a step of at least 1, e.g. frequency=64/4.");
            settings[pieces[0].Trim()] = (window, step);
        }
        return (useBest, settings);
    }

    private static ModelDescription Describe(string path)
    {
        var info = Guard(path, () => ModelWeights.ReadInfo(path));
        using var stream = File.OpenRead(path);
        string fileHash = Convert.ToHexStringLower(SHA256.HashData(stream));
        bool shipped = Path.GetFullPath(path) == Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "models", ShippedModel.FileName));
        return new ModelDescription(path, fileHash, info.PayloadSha256, info.Metadata, shipped);
    }

    private static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ModelWeightsException error)
        {
            throw new CliInputException($"{path}: not usable U-Net weights ({error.Problem}).");
        }
    }
}
