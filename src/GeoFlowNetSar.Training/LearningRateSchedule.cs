namespace GeoFlowNetSar.Training;

/// <summary>
/// Optional linear warm-up, then cosine annealing from the base rate at the end of warm-up to the minimum at the last
/// planned step: lr(s) = min + ½(base − min)(1 + cos(π (s − w) / (S − 1 − w))). Steps past the plan stay at the minimum.
/// </summary>
public static class LearningRateSchedule
{
    public static double At(int step, TrainingOptions options) =>
        At(step, options.Steps, options.LearningRate, options.MinLearningRate, options.WarmupSteps);

    public static double At(int step, int steps, double baseRate, double minRate, int warmupSteps = 0)
    {
        if (step < warmupSteps) return baseRate * (step + 1) / (warmupSteps + 1);
        int span = steps - 1 - warmupSteps;
        if (span <= 0) return baseRate;
        double t = Math.Clamp((double)(step - warmupSteps) / span, 0, 1);
        return minRate + 0.5 * (baseRate - minRate) * (1 + Math.Cos(Math.PI * t));
    }
}
