namespace GeoFlowNetSar.Correlators.Ampcor;

/// <summary>How Ampcor goes from the integer peak of the (data-oversampled) NCC surface to the sub-pixel offset.</summary>
public enum AmpcorPeak
{
    /// <summary>
    /// Ampcor as published: the <see cref="AmpcorCorrelatorOptions.ZoomWindow"/>² samples around the peak oversampled
    /// <see cref="AmpcorCorrelatorOptions.ZoomFactor"/>× and the maximum on that grid taken, no curve fit.
    /// </summary>
    Zoom,

    /// <summary><see cref="Zoom"/>, then the vertex of a 3-point parabola per axis on the zoomed grid (a ¼-step refinement).</summary>
    ZoomParabola,

    /// <summary>
    /// No zoom: the vertex of a 3-point parabola per axis through the surface samples at the integer peak, as OpenCV
    /// template matching is usually finished. It peak-locks (pulls offsets toward whole samples); kept for comparison.
    /// </summary>
    Parabola,
}
