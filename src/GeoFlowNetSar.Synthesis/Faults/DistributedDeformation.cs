using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Synthesis.Geometry;
using GeoFlowNetSar.Synthesis.Reflectivity;
using GeoFlowNetSar.Synthesis.Speckle;

namespace GeoFlowNetSar.Synthesis.Faults;

/// <summary>
/// Off-fault distributed deformation: a smooth, low-amplitude random ground displacement (E, N, U each a
/// two-octave value-noise field of ground wavelength <see cref="Wavelength"/>), projected into pixels like the
/// fault's. It stands for inelastic off-fault strain, small slip on secondary structures, and residual
/// long-wavelength mis-registration, none of which the fault model explains.
/// </summary>
/// <param name="Amplitude">Std of each ground component, in the same unit as the fault slip.</param>
public sealed record DistributedDeformation(ulong Key, double Wavelength, double Amplitude)
{
    /// <summary>Adds the projected field (pixels) to <paramref name="field"/>.</summary>
    public void Add(SceneFrame frame, DisplacementField field)
    {
        if (Amplitude == 0) return;
        var region = field.Region;
        int n = (int)region.Area;
        var geometry = frame.Geometry;
        var p = geometry.Projection;
        using var east = new PooledBuffer<float>(n, clear: true);
        using var north = new PooledBuffer<float>(n, clear: true);
        using var up = new PooledBuffer<float>(n, clear: true);
        double cellX = Math.Max(2, Wavelength / geometry.GroundRangeSpacing), cellY = Math.Max(2, Wavelength / geometry.AzimuthSpacing);
        float a0 = (float)(Amplitude / ValueNoise.OctaveStd / Math.Sqrt(1.25)), a1 = a0 / 2;
        for (int c = 0; c < 3; c++)
        {
            var dst = c == 0 ? east.Span : c == 1 ? north.Span : up.Span;
            ValueNoise.AddOctave(PixelHash.Derive(Key, 2 * c), cellX, cellY, a0, region, dst);
            ValueNoise.AddOctave(PixelHash.Derive(Key, 2 * c + 1), Math.Max(2, cellX / 2), Math.Max(2, cellY / 2), a1, region, dst);
        }
        ReadOnlySpan<float> e = east.Span, nn = north.Span, u = up.Span;
        for (int i = 0; i < n; i++)
        {
            field.Dx[i] += (float)(p.RangeEast * e[i] + p.RangeNorth * nn[i] + p.RangeUp * u[i]);
            field.Dy[i] += (float)(p.AzimuthEast * e[i] + p.AzimuthNorth * nn[i] + p.AzimuthUp * u[i]);
        }
    }
}
