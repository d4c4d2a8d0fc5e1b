using System.Text.Json;
using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Model.Network;
using GeoFlowNetSar.Model.Weights;
using GeoFlowNetSar.Pipeline.Scenes;
using GeoFlowNetSar.Pipeline.Stitching;
using GeoFlowNetSar.Synthesis.Simulation;
using GeoFlowNetSar.Training.SceneValidation;

namespace GeoFlowNetSar.Cli.Evaluation;

/// <summary>
/// `train --scene-validate-every`: the accuracy bar's measurement during training. FaultDeform-SAR scenes made exactly
/// like evaluate's (<see cref="SyntheticValidationSet"/>: surface rupture, max |d| = 1 px, coherence levels cycled) but
/// from a seed index of their own (<see cref="DefaultSeedIndex"/>), so the scenes that judge the bar never choose the
/// checkpoint; kept in memory and run through the shared pipeline with evaluate's settings — the U-Net from the
/// model's current weights (saved to a scratch file and loaded the way `estimate --model` loads them: the same
/// precision, flip averaging and coarse offset), the correlators once, their pooled MAEs cached in
/// <see cref="CacheFile"/> beside the log so a resumed run does not repeat them.
/// </summary>
public sealed class TrainingSceneValidator : ISceneValidator
{
    public const long DefaultSeedIndex = 960_000_000;
    public const string CacheFile = "scene-validation.json";
    private const string ScratchWeightsFile = "scene-validation-scratch" + ModelWeights.FileExtension;
    private static readonly string[] Correlators = ["frequency", "spatial", "ampcor"];

    private readonly SyntheticSetRequest _request;
    private readonly List<Scene> _scenes;
    private readonly string _scratchWeights;
    private readonly int? _threads;
    private readonly (int Window, int Step) _unet;

    private sealed record Scene(FloatImage Pre, FloatImage Post, float[] TruthDx, float[] TruthDy, bool[] Near);

    /// <summary>The correlators' pooled errors on one scene set (what <see cref="CacheFile"/> holds).</summary>
    public sealed record Reference(long SeedIndex, int Scenes, int Size, IReadOnlyList<double> Coherences,
        IReadOnlyDictionary<string, string> Settings, IReadOnlyDictionary<string, double[]> MaeDxDy)
    {
        public double Dx => MaeDxDy.Values.Min(v => v[0]);
        public double Dy => MaeDxDy.Values.Min(v => v[1]);
    }

    public TrainingSceneValidator(SyntheticSetRequest request, string logDirectory, int? threads, Action<string> log, CancellationToken token)
    {
        if (request.Scenes < 1) throw new CliInputException($"--scene-validation-scenes: give at least one scene (got {request.Scenes}).");
        _request = request;
        _threads = threads;
        _scratchWeights = Path.Combine(logDirectory, ScratchWeightsFile);
        // The settings evaluate uses: the sweep's best (embedded best-settings.json), else the catalog's defaults.
        var (_, methods) = EvaluationMethods.Resolve(string.Join(',', Correlators.Append("unet")), EvaluationMethods.BestKeyword, modelPath: null);
        int window = methods.Max(m => m.Window);
        if (request.Size < window)
            throw new CliInputException($"--scene-validation-size: scenes must hold the largest window, {window} px (got {request.Size}).");
        _scenes = Enumerable.Range(0, request.Scenes).Select(i => Make(request, i)).ToList();
        Directory.CreateDirectory(logDirectory);
        var unet = methods.Single(m => m.Name == "unet");
        _unet = (unet.Window, unet.Step);
        var correlators = methods.Where(m => m != unet).ToList();
        var settings = correlators.ToDictionary(m => m.Name, m => m.Setting);
        ReferenceErrors = CachedOrMeasured(Path.Combine(logDirectory, CacheFile), correlators, settings, log, token);
        log($"scene validation: {request.Scenes} scenes of {request.Size}², seeds from validation index {request.SeedIndex}; " +
            $"best correlator MAE dx {ReferenceErrors.Dx:F4} dy {ReferenceErrors.Dy:F4} px");
    }

    public Reference ReferenceErrors { get; }

    public SceneValidationMetrics Score(GeoFlowNetUNet model, CancellationToken token)
    {
        ModelWeights.Save(model, _scratchWeights, new Dictionary<string, string> { ["kind"] = "scene-validation scratch" });
        try
        {
            var catalog = EstimatorCatalog.Default.With(ShippedModel.Method(_scratchWeights));
            var score = Run(catalog, "unet", _unet.Window, _unet.Step, token);
            return new SceneValidationMetrics(score.MaeDx, score.MaeDy, score.NearFaultMae, ReferenceErrors.Dx, ReferenceErrors.Dy);
        }
        finally
        {
            File.Delete(_scratchWeights);
        }
    }

    private Reference CachedOrMeasured(string cachePath, IReadOnlyList<MethodSetting> methods, Dictionary<string, string> settings,
        Action<string> log, CancellationToken token)
    {
        if (File.Exists(cachePath))
        {
            try
            {
                var cached = JsonSerializer.Deserialize<Reference>(File.ReadAllText(cachePath));
                if (cached is not null && cached.SeedIndex == _request.SeedIndex && cached.Scenes == _request.Scenes && cached.Size == _request.Size
                    && cached.Coherences.SequenceEqual(_request.Coherences) && cached.Settings.Count == settings.Count
                    && settings.All(s => cached.Settings.TryGetValue(s.Key, out var v) && v == s.Value) && cached.MaeDxDy.Count > 0)
                    return cached;
            }
            catch (JsonException)
            {
                // An unreadable cache is measured again and overwritten.
            }
        }
        var errors = new Dictionary<string, double[]>();
        foreach (var method in methods.Where(m => m.Available))
        {
            var score = Run(EstimatorCatalog.Default, method.Name, method.Window, method.Step, token);
            errors[method.Name] = [score.MaeDx, score.MaeDy];
            log($"scene validation: {method.Name} {method.Setting}: MAE dx {score.MaeDx:F4} dy {score.MaeDy:F4} px");
        }
        if (errors.Count == 0) throw new CliInputException("scene validation: no correlator can run in this build to set the bar's reference.");
        var reference = new Reference(_request.SeedIndex, _request.Scenes, _request.Size, _request.Coherences, settings, errors);
        string temp = cachePath + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(reference, new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temp, cachePath, overwrite: true);
        return reference;
    }

    // Errors pooled over every pixel of every scene, as evaluate's Table I.
    private DisplacementScore Run(EstimatorCatalog catalog, string method, int window, int step, CancellationToken token)
    {
        using var estimator = catalog.Create(method, new EstimatorSettings(window, step, _threads));
        var mosaic = new MosaicOptions(false) with { StripRows = 256 };
        var pooled = new DisplacementScore();
        foreach (var scene in _scenes)
        {
            token.ThrowIfCancellationRequested();
            using var sink = new InMemoryDisplacementSink(scene.Pre.Width, scene.Pre.Height, mosaic.BandNames);
            ScenePipeline.Run(new InMemoryAmplitudeSource(scene.Pre), new InMemoryAmplitudeSource(scene.Post), estimator, sink,
                new SceneOptions(mosaic), cancellationToken: token);
            pooled.Add(sink.Band("dx").Pixels, sink.Band("dy").Pixels, scene.TruthDx, scene.TruthDy, scene.Near);
        }
        return pooled;
    }

    private static Scene Make(SyntheticSetRequest request, int index)
    {
        var (seed, options) = SyntheticValidationSet.ScoredScene(request, index);
        var sample = new FaultDeformSimulator(options).Generate(request.Size, seed);
        int n = sample.Size;
        return new Scene(new FloatImage(n, n, sample.Pre), new FloatImage(n, n, sample.Post), sample.Dx, sample.Dy,
            FaultProximity.NearRupture(sample.Dx, sample.Dy, n, n));
    }
}
