namespace GeoFlowNetSar.Training;

/// <summary>Progress reported after every optimizer step (<see cref="Validation"/> only on validation steps).</summary>
public sealed record TrainingProgress(
    int Step,
    int PlannedSteps,
    double LearningRate,
    int CropSize,
    double LossTotal,
    double LossFullResolution,
    double SamplesPerSecond,
    TimeSpan Elapsed,
    ValidationMetrics? Validation,
    SceneValidation.SceneValidationMetrics? Scenes = null);

/// <summary>What a run left behind.</summary>
/// <param name="StepsCompleted">Optimizer steps done in total (including before a resume).</param>
/// <param name="Stopped">Why it stopped: "completed", "cancelled" or "time budget".</param>
/// <param name="BestScenesWeightsPath">best-scenes.gfnw when scene validation ran, else null.</param>
/// <param name="PlotPath">The learning-curve PNG, or null if it could not be drawn (<paramref name="PlotProblem"/>).</param>
public sealed record TrainingResult(
    int StepsCompleted,
    string Stopped,
    ValidationMetrics? Best,
    int? BestStep,
    ValidationMetrics? Last,
    string BestWeightsPath,
    string FinalWeightsPath,
    string CheckpointPath,
    string CsvPath,
    string? PlotPath,
    string? PlotProblem,
    SceneValidation.SceneValidationMetrics? BestScenes = null,
    int? BestScenesStep = null,
    string? BestScenesWeightsPath = null);
