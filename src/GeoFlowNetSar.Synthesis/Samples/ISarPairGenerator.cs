namespace GeoFlowNetSar.Synthesis.Samples;

/// <summary>
/// Makes synthetic SAR pairs with known displacement. Deterministic: the same seed gives the same sample,
/// whatever thread or order it is called in (so training on the fly is reproducible).
/// </summary>
public interface ISarPairGenerator
{
    SarPairSample Generate(int size, long seed);
}
