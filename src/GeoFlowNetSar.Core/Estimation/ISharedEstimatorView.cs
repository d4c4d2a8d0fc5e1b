namespace GeoFlowNetSar.Core.Estimation;

/// <summary>
/// A caller's view of an estimator shared by several callers, which gathers their windows into its own batches (the
/// silo's cross-tile U-Net batcher). The shared estimator reports its passes (batch size, duration); a call on the view
/// only waits for them, so the pipeline does not count it as a batch.
/// </summary>
public interface ISharedEstimatorView : IDisplacementEstimator;
