namespace GeoFlowNetSar.Core.Tiling;

/// <summary>How one window's estimate lands on the mosaic.</summary>
public enum EstimateFootprint
{
    /// <summary>One offset at the window centre, interpolated linearly between centres (correlators).</summary>
    CentreInterpolated,

    /// <summary>A dense field over the whole window, averaged where windows overlap (the U-Net).</summary>
    DenseWindow,
}
