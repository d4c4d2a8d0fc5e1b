namespace GeoFlowNetSar.Training;

/// <summary>
/// The trainer's resumable state, stored as JSON inside the checkpoint. The data position is implied:
/// the next training sample index is <see cref="Step"/> × <see cref="Batch"/> (sample i has seed Seed + i, its crop
/// size follows the curriculum of its step), and the learning rate is recomputed from <see cref="Step"/>.
/// </summary>
public sealed record TrainerState(
    int Step,
    long Seed,
    int Batch,
    double WidthMultiplier,
    double ElapsedSeconds,
    double? BestScore,
    int? BestStep,
    ValidationMetrics? Best,
    ValidationMetrics? Last,
    int PlannedSteps,
    int? BestSceneStep = null,
    SceneValidation.SceneValidationMetrics? BestScenes = null);
