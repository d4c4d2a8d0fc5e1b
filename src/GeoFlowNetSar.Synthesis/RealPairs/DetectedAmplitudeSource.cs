using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Speckle;

namespace GeoFlowNetSar.Synthesis.RealPairs;

/// <summary>
/// A complex raster seen as amplitude: |z| at the native samples (<see cref="DetectionMode.Native"/>, the simulator's
/// detection). Used to align a complex pair and to size it; the samples themselves are detected after warping.
/// </summary>
public sealed class DetectedAmplitudeSource(IComplexSource complex) : IAmplitudeSource
{
    public IComplexSource Field => complex;
    public string Name => complex.Name;
    public int Width => complex.Width;
    public int Height => complex.Height;

    public void Read(PixelRect rect, Span<float> destination)
    {
        if (rect.IsEmpty) return;
        using var z = ComplexField.Rent(rect);
        complex.Read(rect, z.Re, z.Im);
        Detection.Detect(z, rect, DetectionMode.Native, destination);
    }
}
