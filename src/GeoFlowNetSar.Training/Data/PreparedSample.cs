namespace GeoFlowNetSar.Training.Data;

/// <summary>
/// One sample ready for the network: <see cref="Input"/> = normalised PRE then POST ([2, Size, Size] row-major,
/// see InputNormalisation), <see cref="Target"/> = dx then dy ([2, Size, Size], pixels).
/// </summary>
/// <param name="Index">Position in its sequence (training sample index, or validation index).</param>
/// <param name="Seed">The generator seed it came from.</param>
/// <param name="Usable">False when PRE or POST had no texture or too many non-finite pixels (input is then zeros).</param>
/// <param name="IsStill">True when the true displacement is zero everywhere (for the false-motion metric).</param>
public sealed record PreparedSample(long Index, long Seed, int Size, float[] Input, float[] Target, bool Usable, bool IsStill);
