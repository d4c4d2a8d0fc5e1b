using System.Globalization;
using System.Security.Cryptography;
using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Model.Weights;

namespace GeoFlowNetSar.Cli.Evaluation;

/// <summary>
/// Which methods the evaluation runs and how: the shipped catalog (with `--model` replacing the U-Net's weights),
/// every method unless `--methods` narrows it, each at its catalog default (the paper's setting, which the sweep
/// confirmed for COSI-Corr spatial) unless `--settings` overrides it. Unavailable methods stay in the list with the reason.
/// </summary>
public static class EvaluationMethods
{
    public static (EstimatorCatalog Catalog, IReadOnlyList<MethodSetting> Methods) Resolve(string? methodList, string? settingList, string? modelPath)
    {
        var catalog = EstimatorCatalog.Default;
        string weightsPath = modelPath ?? ShippedModel.DefaultPath;
        if (modelPath is not null)
        {
            if (!File.Exists(modelPath)) throw new CliInputException($"{modelPath}: --model: the weights file does not exist.");
            catalog = catalog.With(Guard(modelPath, () => ShippedModel.Method(modelPath)));
        }
        var overrides = ParseSettings(settingList);
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
            var (window, step) = overrides.TryGetValue(entry.Name, out var setting) ? setting : (entry.DefaultWindow, entry.DefaultStep);
            string? unavailable = entry.IsAvailable ? null
                : entry.Name == "unet"
                    ? $"no U-Net weights at {weightsPath} (trained weights do not ship yet); pass --model PATH.gfnw or set {ShippedModel.EnvironmentVariable}"
                    : "not available in this build";
            var model = entry.IsAvailable && entry.Name == "unet" ? Describe(weightsPath) : null;
            return new MethodSetting(entry.Name, entry.Description, window, step, unavailable, model);
        }).ToList();
        if (!methods.Any(m => m.Available))
            throw new CliInputException($"none of the methods asked for can run here ({string.Join("; ", methods.Select(m => $"{m.Name}: {m.Unavailable}"))}).");
        return (catalog, methods);
    }

    /// <summary>"frequency=64/4,unet=64/32" → {frequency: (64, 4), unet: (64, 32)}.</summary>
    public static Dictionary<string, (int Window, int Step)> ParseSettings(string? text)
    {
        var settings = new Dictionary<string, (int, int)>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(text)) return settings;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('=', '/');
            if (pieces.Length != 3
                || !int.TryParse(pieces[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int window) || window < 8
                || !int.TryParse(pieces[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int step) || step < 1)
                throw new CliInputException($"--settings '{part}': expected METHOD=WINDOW/STEP with a window of at least 8 and a step of at least 1, e.g. frequency=64/4.");
            settings[pieces[0].Trim()] = (window, step);
        }
        return settings;
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
