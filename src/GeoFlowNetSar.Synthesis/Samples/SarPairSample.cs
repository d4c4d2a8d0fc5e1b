namespace GeoFlowNetSar.Synthesis.Samples;

/// <summary>
/// One synthetic training/validation sample: PRE and POST amplitude (linear, Float32) and the true
/// displacement (pixels, DESIGN.md sign: a feature at p in PRE is at p + d in POST), all Size×Size, row-major.
/// <see cref="Parameters"/> records every generation parameter (for dataset indexes and reproducibility).
/// </summary>
public sealed record SarPairSample(
    int Size,
    float[] Pre,
    float[] Post,
    float[] Dx,
    float[] Dy,
    IReadOnlyDictionary<string, string> Parameters);
