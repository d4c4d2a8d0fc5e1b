using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Core.Tiling;

namespace GeoFlowNetSar.Core.Estimation;

/// <summary>
/// Estimates displacement d = (dx, dy) in pixels on windows of a PRE/POST pair, with the sign of DESIGN.md:
/// a feature at p in PRE appears at p + d in POST. The pipeline owns tiling, chunking and stitching; an
/// estimator only sees chunk images and window origins inside them, and must give each window a result that
/// depends on that window's pixels alone (so results do not depend on the chunking or the batching).
/// </summary>
public interface IDisplacementEstimator : IDisposable
{
    /// <summary>The method name used on the command line and in reports (e.g. "frequency").</summary>
    string Method { get; }

    int WindowSize { get; }

    int Step { get; }

    EstimateFootprint Footprint { get; }

    /// <summary>How many windows to hand over per call for efficient batching.</summary>
    int PreferredBatchSize { get; }
}

/// <summary>An estimator giving one offset per window, at the window centre (correlators).</summary>
public interface IWindowOffsetEstimator : IDisplacementEstimator
{
    /// <summary>
    /// Fills <paramref name="results"/>[i] for the window at <paramref name="origins"/>[i] (coordinates in
    /// <paramref name="pre"/>/<paramref name="post"/>). A window without a trustworthy estimate (no texture,
    /// masked input, low quality) gets NaN offsets.
    /// </summary>
    void Estimate(FloatImage pre, FloatImage post, ReadOnlySpan<WindowOrigin> origins, Span<WindowOffset> results);
}

/// <summary>An estimator giving a dense field over each window (the U-Net).</summary>
public interface IDenseWindowEstimator : IDisplacementEstimator
{
    /// <summary>
    /// Fills WindowSize² values per window, window after window, row-major, in <paramref name="dx"/> and
    /// <paramref name="dy"/>.
    /// </summary>
    void Estimate(FloatImage pre, FloatImage post, ReadOnlySpan<WindowOrigin> origins, Span<float> dx, Span<float> dy);
}
