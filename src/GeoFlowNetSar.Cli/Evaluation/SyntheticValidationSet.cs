using System.Globalization;
using GeoFlowNetSar.Raster.Writing;
using GeoFlowNetSar.Synthesis.Simulation;
using GeoFlowNetSar.Synthesis.Speckle;
using GeoFlowNetSar.Training.Data;

namespace GeoFlowNetSar.Cli.Evaluation;

/// <summary>What synthetic validation scenes to make: count, edge, first validation seed index, coherence levels, controls.</summary>
public sealed record SyntheticSetRequest(int Scenes, int Size, long SeedIndex, IReadOnlyList<double> Coherences, bool Controls);

/// <summary>
/// The evaluation's FaultDeform-SAR scenes, written as pre.tif, post.tif and truth.tif so that every method runs
/// on them exactly as on a user's files. Seeds come from the validation range (2⁶² + index; training never reaches
/// it), from an index of its own (<see cref="DefaultSeedIndex"/>) so that neither training's validation samples nor
/// the sweep's scenes (which chose the correlator settings) are reused. Every deformed scene has a surface rupture
/// (the near-fault errors need one) and max |d| = 1 px, like the paper's test set; scene i has coherence level
/// i mod the list. Controls: the first scene again with 2×-oversampled detection, and a pair without deformation.
/// </summary>
public static class SyntheticValidationSet
{
    public const long DefaultSeedIndex = 950_000_000;

    /// <summary>Coherence levels cycled over the scenes unless the user gives others.</summary>
    public static readonly IReadOnlyList<double> DefaultCoherences = [0.9, 0.75, 0.6];

    private static readonly FaultDeformOptions Deformed = new()
    {
        ZeroDeformationFraction = 0,
        Fault = new FaultDeformOptions().Fault with { SurfaceRuptureFraction = 1 },
    };

    public static IReadOnlyList<EvaluationScene> Write(string scenesFolder, SyntheticSetRequest request, CancellationToken token)
    {
        var scenes = new List<EvaluationScene>();
        for (int i = 0; i < request.Scenes; i++)
        {
            token.ThrowIfCancellationRequested();
            var (seed, options) = ScoredScene(request, i);
            scenes.Add(WriteScene(scenesFolder, $"scene-{i + 1}", SceneRole.Scored, seed, request.Size, options));
        }
        if (request.Controls)
        {
            double coherence = request.Coherences[0];
            long seed = SampleSeeds.Validation(request.SeedIndex);
            scenes.Add(WriteScene(scenesFolder, "control-2x", SceneRole.Control, seed, request.Size,
                Deformed with { Coherence = (coherence, coherence), Detection = DetectionMode.Oversampled2x }));
            long stillSeed = SampleSeeds.Validation(request.SeedIndex + request.Scenes);
            scenes.Add(WriteScene(scenesFolder, "still", SceneRole.Still, stillSeed, request.Size,
                new FaultDeformOptions { ZeroDeformationFraction = 1, Coherence = (coherence, coherence) }));
        }
        return scenes;
    }

    /// <summary>Scored scene <paramref name="index"/> (written as scene-{index + 1}): its seed and simulator settings.</summary>
    public static (long Seed, FaultDeformOptions Options) ScoredScene(SyntheticSetRequest request, int index)
    {
        double coherence = request.Coherences[index % request.Coherences.Count];
        return (SampleSeeds.Validation(request.SeedIndex + index), Deformed with { Coherence = (coherence, coherence) });
    }

    private static EvaluationScene WriteScene(string scenesFolder, string name, SceneRole role, long seed, int size, FaultDeformOptions options)
    {
        var sample = new FaultDeformSimulator(options).Generate(size, seed);
        string folder = Path.Combine(scenesFolder, name);
        Directory.CreateDirectory(folder);
        string pre = Path.Combine(folder, "pre.tif"), post = Path.Combine(folder, "post.tif"), truth = Path.Combine(folder, "truth.tif");
        GeoTiffWriter.WriteFloat32(pre, size, size, [sample.Pre], descriptions: ["amplitude"]);
        GeoTiffWriter.WriteFloat32(post, size, size, [sample.Post], descriptions: ["amplitude"]);
        GeoTiffWriter.WriteFloat32(truth, size, size, [sample.Dx, sample.Dy], descriptions: ["dx", "dy"], noData: double.NaN);
        var p = sample.Parameters;
        string fault = p.TryGetValue("fault_mechanism", out var mechanism) && p.GetValueOrDefault("zero_deformation") != "true"
            ? $"{mechanism}, surface rupture, max |d| {Number(p, "max_abs_displacement_px")} px"
            : "no deformation";
        string description = $"FaultDeform-SAR {size}x{size}, seed {seed.ToString(CultureInfo.InvariantCulture)}, {fault}, " +
                             $"coherence {Number(p, "coherence")}, {(options.Detection == DetectionMode.Native ? "native single-look" : "2x-oversampled")} detection, {p.GetValueOrDefault("orbit", "?")}";
        return new EvaluationScene(name, pre, post, truth, role, folder, description, p);
    }

    private static string Number(IReadOnlyDictionary<string, string> parameters, string key) =>
        parameters.TryGetValue(key, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value.ToString("0.###", CultureInfo.InvariantCulture)
            : "?";
}
