using GeoFlowNetSar.Model.Network;
using GeoFlowNetSar.Model.Weights;
using GeoFlowNetSar.Training.Loss;

namespace GeoFlowNetSar.Training;

/// <summary>From optimizer step <paramref name="FromStep"/> on, training samples are <paramref name="Size"/>×<paramref name="Size"/>.</summary>
public sealed record CropStage(int FromStep, int Size);

/// <summary>
/// Everything a training run needs besides the generator and the output folder. Defaults follow the brief and the
/// experiment in DESIGN.md: Adam 1e-3 with cosine decay to 1e-5, batch 32 as 4 micro-batches of 8, 128² crops.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>1.0: the paper's ≈ 6 M-parameter network; 0.5: ≈ 1.5 M, about 2.5× faster per step.</summary>
    public double WidthMultiplier { get; init; } = 1.0;

    /// <summary>Dilations of the coarsest-scale context units (<see cref="UNetArchitecture.ContextDilations"/>; empty: the paper's network).</summary>
    public IReadOnlyList<int> ContextDilations { get; init; } = [];

    /// <summary>
    /// Compact weights (".gfnw") of the same width to initialise the network from before step 0 of a new schedule
    /// (<see cref="ModelWeights.InitialiseFrom"/>): e.g. the paper's network into one with context units. Unlike
    /// <see cref="ResumeFrom"/>, the step count, schedule and optimizer all start afresh.
    /// </summary>
    public string? InitialiseFrom { get; init; }

    /// <summary>Planned optimizer steps: the cosine schedule reaches <see cref="MinLearningRate"/> here.</summary>
    public int Steps { get; init; } = 2000;

    /// <summary>Samples per optimizer step (gradients accumulated over Batch / MicroBatch micro-batches).</summary>
    public int Batch { get; init; } = 32;

    /// <summary>Samples per forward/backward pass; must divide <see cref="Batch"/>.</summary>
    public int MicroBatch { get; init; } = 8;

    public double LearningRate { get; init; } = 1e-3;

    public double MinLearningRate { get; init; } = 1e-5;

    /// <summary>Linear warm-up from 0 over these first steps (0: none), then cosine.</summary>
    public int WarmupSteps { get; init; }

    /// <summary>Crop-size curriculum: sizes by step, e.g. [(0, 128), (1500, 256)]. The first stage must start at 0.</summary>
    public IReadOnlyList<CropStage> Curriculum { get; init; } = [new CropStage(0, 128)];

    /// <summary>
    /// From this optimizer step on, training samples come from the late-stage generator given to
    /// <see cref="Trainer.Run"/> (e.g. the product's own geometry only); null: one generator throughout.
    /// </summary>
    public int? LateStageFromStep { get; init; }

    /// <summary>Multi-scale loss weights, finest first (<see cref="MultiScaleLoss.DefaultWeightsFinestFirst"/>).</summary>
    public IReadOnlyList<double> LossWeightsFinestFirst { get; init; } = MultiScaleLoss.DefaultWeightsFinestFirst;

    /// <summary>λ of the loss's pooled-error term (<see cref="MultiScaleLoss.PooledErrorWeight"/>; 0: off).</summary>
    public double PooledErrorWeight { get; init; }

    /// <summary>Cell edge k of the pooled-error term, px.</summary>
    public int PooledErrorSize { get; init; } = 32;

    /// <summary>Weight of the dy error relative to the dx error in the loss (<see cref="MultiScaleLoss.AzimuthWeight"/>; 1: equal).</summary>
    public double AzimuthWeight { get; init; } = 1;

    /// <summary>Validation every this many steps (an "epoch"); also at the last step.</summary>
    public int ValidateEvery { get; init; } = 100;

    public int ValidationSamples { get; init; } = 64;

    /// <summary>
    /// Scene validation (<see cref="SceneValidation.ISceneValidator"/>) every this many steps, and at the last step;
    /// null: none. It picks <c>best-scenes.gfnw</c>.
    /// </summary>
    public int? SceneValidateEvery { get; init; }

    public int ValidationSize { get; init; } = 256;

    /// <summary>Minutes between checkpoints (also written at the end and on cancellation).</summary>
    public double CheckpointMinutes { get; init; } = 5;

    /// <summary>Seeds the network initialisation and the training data (sample i uses seed Seed + i).</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Generator threads. With 2 cores, 1 (the simulator made ≈ 39 samples/s at 128², enough).</summary>
    public int Producers { get; init; } = 1;

    /// <summary>Samples prepared ahead.</summary>
    public int QueueCapacity { get; init; } = 64;

    /// <summary>Random column/row flips (with dx/dy negated accordingly).</summary>
    public bool Augment { get; init; } = true;

    /// <summary>libtorch intra-op threads (null: the number of cores).</summary>
    public int? Threads { get; init; }

    /// <summary>"cpu", "cuda", "cuda:N" or "auto".</summary>
    public string Device { get; init; } = "auto";

    /// <summary>
    /// A checkpoint (".gfnc") to resume from exactly (same width, seed and batch), or compact weights (".gfnw") to
    /// warm-start from: the schedule continues at the step recorded in the weights, with a fresh optimizer.
    /// </summary>
    public string? ResumeFrom { get; init; }

    /// <summary>Global gradient-norm clip before each update (null: none). The first full run diverged at step ≈ 225 without it.</summary>
    public double? MaxGradientNorm { get; init; } = 1.0;

    /// <summary>After a warm start from weights, the learning rate ramps up linearly over these steps.</summary>
    public int RewarmSteps { get; init; } = 50;

    /// <summary>Stop (with a checkpoint) after this much wall time in this session, whatever the step.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>Near-fault pixels: within <see cref="NearFaultRadius"/> px of a 3×3 neighbourhood whose true dx or dy spans more than this (px).</summary>
    public double NearFaultJump { get; init; } = 0.05;

    public int NearFaultRadius { get; init; } = 8;

    /// <summary>Write the learning-curve PNG after every validation.</summary>
    public bool Plot { get; init; } = true;

    public int MicroBatchesPerStep => Batch / MicroBatch;

    public int CropSizeAt(int step)
    {
        int size = Curriculum[0].Size;
        foreach (var stage in Curriculum)
            if (step >= stage.FromStep) size = stage.Size;
        return size;
    }

    public void Validate()
    {
        if (!(WidthMultiplier > 0 && WidthMultiplier <= 4)) throw new ArgumentOutOfRangeException(nameof(WidthMultiplier), WidthMultiplier, "Use a width multiplier in (0, 4].");
        if (Steps < 1) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "Plan at least one step.");
        if (MicroBatch < 1 || Batch < MicroBatch || Batch % MicroBatch != 0)
            throw new ArgumentException($"The batch ({Batch}) must be a positive multiple of the micro-batch ({MicroBatch}).");
        if (!(LearningRate > 0) || !(MinLearningRate >= 0) || MinLearningRate > LearningRate)
            throw new ArgumentException($"Use 0 ≤ min learning rate ({MinLearningRate}) ≤ learning rate ({LearningRate}), learning rate > 0.");
        if (WarmupSteps < 0 || WarmupSteps >= Steps) throw new ArgumentOutOfRangeException(nameof(WarmupSteps), WarmupSteps, "Use 0 ≤ warm-up < steps.");
        if (Curriculum.Count == 0 || Curriculum[0].FromStep != 0)
            throw new ArgumentException("The crop curriculum must have a stage starting at step 0.", nameof(Curriculum));
        for (int i = 0; i < Curriculum.Count; i++)
        {
            if (Curriculum[i].Size < 16) throw new ArgumentException($"Crop size {Curriculum[i].Size} is below 16 px.", nameof(Curriculum));
            if (i > 0 && Curriculum[i].FromStep <= Curriculum[i - 1].FromStep) throw new ArgumentException("Curriculum stages must start at increasing steps.", nameof(Curriculum));
        }
        if (LateStageFromStep is < 1) throw new ArgumentOutOfRangeException(nameof(LateStageFromStep), LateStageFromStep, "The late stage starts at step 1 or later.");
        if (ValidateEvery < 1) throw new ArgumentOutOfRangeException(nameof(ValidateEvery), ValidateEvery, "Validate at least every step count ≥ 1.");
        if (SceneValidateEvery < 1) throw new ArgumentOutOfRangeException(nameof(SceneValidateEvery), SceneValidateEvery, "Validate on scenes every step count ≥ 1.");
        if (ValidationSamples < 1) throw new ArgumentOutOfRangeException(nameof(ValidationSamples), ValidationSamples, "Use at least one validation sample.");
        if (ValidationSize < 16) throw new ArgumentOutOfRangeException(nameof(ValidationSize), ValidationSize, "Use validation samples of at least 16 px.");
        if (!(CheckpointMinutes > 0)) throw new ArgumentOutOfRangeException(nameof(CheckpointMinutes), CheckpointMinutes, "Use a positive checkpoint interval.");
        if (Producers < 1) throw new ArgumentOutOfRangeException(nameof(Producers), Producers, "Use at least one producer.");
        if (QueueCapacity < Producers) throw new ArgumentOutOfRangeException(nameof(QueueCapacity), QueueCapacity, "Use a queue of at least one sample per producer.");
        if (Threads is < 1) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Use at least one thread.");
        if (Seed < 0 || Seed >= Data.SampleSeeds.MaxTrainingBaseSeed) throw new ArgumentOutOfRangeException(nameof(Seed), Seed, "Use a seed in [0, 2^61).");
        if (NearFaultRadius < 0 || !(NearFaultJump > 0)) throw new ArgumentException("Use a positive near-fault jump and a non-negative radius.");
        if (LossWeightsFinestFirst.Count != 5) throw new ArgumentException("Give one loss weight per scale (5).", nameof(LossWeightsFinestFirst));
        _ = new MultiScaleLoss(LossWeightsFinestFirst, PooledErrorWeight, PooledErrorSize, AzimuthWeight);
        if (ResumeFrom is not null && InitialiseFrom is not null)
            throw new ArgumentException("Resume a run or initialise a new one from weights, not both.", nameof(InitialiseFrom));
        _ = new UNetArchitecture(WidthMultiplier, ContextDilations);
    }
}
