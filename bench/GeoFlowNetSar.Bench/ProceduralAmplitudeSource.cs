using GeoFlowNetSar.Core.Rasters;

namespace GeoFlowNetSar.Bench;

/// <summary>
/// A synthetic raster of any size whose pixels are computed on demand from a hash of (x, y, seed), so a
/// 9514×24418 swath can be streamed without existing anywhere in memory or on disk.
/// </summary>
internal sealed class ProceduralAmplitudeSource(int width, int height, uint seed, string name) : IAmplitudeSource
{
    public string Name => name;
    public int Width => width;
    public int Height => height;

    public void Read(PixelRect rect, Span<float> destination)
    {
        for (int y = 0; y < rect.Height; y++)
        {
            var row = destination.Slice(y * rect.Width, rect.Width);
            for (int x = 0; x < rect.Width; x++)
                row[x] = 0.5f + Hash((uint)(rect.X + x), (uint)(rect.Y + y)) * (1f / uint.MaxValue);
        }
    }

    private uint Hash(uint x, uint y)
    {
        uint h = x * 0x9E3779B1u ^ y * 0x85EBCA77u ^ seed * 0xC2B2AE3Du;
        h ^= h >> 15;
        h *= 0x2C1B3C6Du;
        h ^= h >> 12;
        return h;
    }
}
