using GeoFlowNetSar.Core.Rasters;

namespace GeoFlowNetSar.Pipeline.Stitching;

/// <summary>
/// How the mosaic is finalised. Scales turn pixels into metres (range spacing for dx, azimuth spacing for
/// dy); 1 keeps pixels. <see cref="StripRows"/> bounds the memory of one finalised strip.
/// </summary>
public sealed record MosaicOptions(bool Uncertainty = false, double ScaleDx = 1.0, double ScaleDy = 1.0, int StripRows = 64)
{
    public IReadOnlyList<string> BandNames => DisplacementBands.Names(Uncertainty);
}
