using System.Diagnostics;
using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Telemetry;

namespace GeoFlowNetSar.Pipeline.Chunks;

/// <summary>
/// One estimator call on a batch of windows, as a unet.batch (dense) or correlate.batch (offsets) span with batch
/// metrics. Through a shared estimator (the silo's cross-tile batcher) the span covers the wait for the passes that
/// carried the call's windows, and the passes themselves are recorded by the batcher. Returns the call's wall time.
/// </summary>
internal static class EstimatorCall
{
    public static TimeSpan Run(IDisplacementEstimator estimator, int windows, Action estimate)
    {
        string span = estimator is IDenseWindowEstimator ? SpanNames.UnetBatch : SpanNames.CorrelateBatch;
        using var activity = GeoFlowTelemetry.Source.StartActivity(span);
        activity?.SetTag(TagNames.Method, estimator.Method);
        activity?.SetTag(TagNames.BatchSize, windows);
        long started = Stopwatch.GetTimestamp();
        try
        {
            estimate();
        }
        catch (Exception error)
        {
            activity.RecordError(error);
            throw;
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        var tags = new TagList { { TagNames.Method, estimator.Method } };
        GeoFlowTelemetry.Windows.Add(windows, tags);
        if (estimator is ISharedEstimatorView) return elapsed; // its passes are recorded where they run
        GeoFlowTelemetry.BatchSize.Record(windows, tags);
        GeoFlowTelemetry.BatchDuration.Record(elapsed.TotalSeconds, tags);
        return elapsed;
    }
}
