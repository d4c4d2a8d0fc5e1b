using GeoFlowNetSar.Model.Network;

namespace GeoFlowNetSar.Training.SceneValidation;

/// <summary>
/// Scores the model the way the accuracy bar does — whole scenes through the tiling pipeline, errors pooled over every
/// pixel — against the best correlator on the same scenes. The per-pixel score of 256² validation crops misses what
/// the bar fails on (a gain error of smooth far-field azimuth motion over hundreds of pixels), so checkpoints are
/// chosen by this instead.
/// </summary>
public interface ISceneValidator
{
    /// <summary>Scores <paramref name="model"/> as it is now; its weights and train/eval mode are left unchanged.</summary>
    SceneValidationMetrics Score(GeoFlowNetUNet model, CancellationToken token);
}
