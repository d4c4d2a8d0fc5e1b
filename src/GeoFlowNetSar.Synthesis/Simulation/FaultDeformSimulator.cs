using System.Globalization;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Geometry;
using GeoFlowNetSar.Synthesis.Samples;

namespace GeoFlowNetSar.Synthesis.Simulation;

/// <summary>
/// FaultDeform-SAR: synthetic Sentinel-1-like amplitude pairs across rough earthquake faults, with the exact
/// displacement they were made with.
/// </summary>
/// <remarks>
/// seed → viewing geometry → rough fault (chain of Okada rectangles) → (dx, dy) pixels on the sample grid
/// (+ off-fault smooth field), scaled to the drawn max |d| → reflectivity σ → complex speckle PRE and POST
/// (coherence γ, changed patches) → POST warped by d (complex, band-limited interpolation, inverse mapping) →
/// detection |z| → <see cref="SarPairSample"/> with every drawn parameter in its dictionary.
/// Deterministic per seed (each stage has its own derived stream, per-pixel noise is hashed from global
/// coordinates) and thread-safe (no mutable state; scratch comes from the shared array pool).
/// The scene-level draws and the pair's rendering are <see cref="FaultDeformDraws"/>'s, shared with the streamed
/// <see cref="Scenes.FaultDeformScene"/>; what is the simulator's own is the displacement on the sample's grid.
/// </remarks>
public sealed class FaultDeformSimulator : ISarPairGenerator
{
    public FaultDeformSimulator(FaultDeformOptions? options = null)
    {
        Options = options ?? new FaultDeformOptions();
        Options.Validate();
    }

    public FaultDeformOptions Options { get; }

    public SarPairSample Generate(int size, long seed) => Simulate(size, seed).Sample;

    /// <summary>The sample and its ingredients; <paramref name="keepComplex"/> also returns the complex fields.</summary>
    public SimulatedPair Simulate(int size, long seed, bool keepComplex = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        var draws = FaultDeformDraws.Draw(size, size, seed, Options);
        var frame = draws.Frame;
        var region = new PixelRect(0, 0, size, size);
        bool zero = draws.Zero;
        double maxDisplacement = draws.MaxDisplacement;

        // Displacement on the sample's pixel grid.
        var displacement = new DisplacementField(region);
        if (draws.Fault is { } fault)
        {
            FaultDisplacementRenderer.Render(fault, frame, displacement);
            draws.Distributed(displacement.MaxAbs())?.Add(frame, displacement);
            float m = displacement.MaxAbs();
            if (m > 0) displacement.Scale(maxDisplacement / m);
            else zero = true;
        }
        if (zero) maxDisplacement = 0;

        var (preAmplitude, postAmplitude, keptPre, keptPost) = draws.RenderPair(region, displacement, maxDisplacement, keepComplex);

        var parameters = draws.Parameters(zero, maxDisplacement);
        parameters["size"] = size.ToString(CultureInfo.InvariantCulture);
        var sample = new SarPairSample(size, preAmplitude, postAmplitude, displacement.Dx, displacement.Dy, parameters);
        return new SimulatedPair(sample, frame, draws.Fault, displacement, draws.Coherence, draws.Changes, keptPre, keptPost);
    }
}
