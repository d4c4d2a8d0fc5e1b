using System.Buffers;
using System.Numerics;
using GeoFlowNetSar.Core.Rasters;

namespace GeoFlowNetSar.Synthesis.Speckle;

/// <summary>
/// A complex raster in planar layout (real and imaginary planes, row-major) covering <see cref="Region"/> in global
/// pixel coordinates. Planar float planes keep filtering and interpolation SIMD-friendly.
/// A field made by <see cref="Rent"/> borrows its planes from <see cref="ArrayPool{T}.Shared"/> (contents undefined
/// until written) and returns them on <see cref="Dispose"/>; one made by the constructor owns zeroed planes.
/// </summary>
public sealed class ComplexField : IDisposable
{
    private float[]? _re, _im;
    private readonly bool _pooled;

    public ComplexField(PixelRect region) : this(region, new float[region.Area], new float[region.Area], pooled: false)
    {
    }

    private ComplexField(PixelRect region, float[] re, float[] im, bool pooled)
    {
        if (region.IsEmpty) throw new ArgumentException("The region must not be empty.", nameof(region));
        Region = region;
        _re = re;
        _im = im;
        _pooled = pooled;
    }

    /// <summary>A field whose planes come from the shared array pool; dispose it to give them back.</summary>
    public static ComplexField Rent(PixelRect region)
    {
        if (region.IsEmpty) throw new ArgumentException("The region must not be empty.", nameof(region));
        int n = checked((int)region.Area);
        return new ComplexField(region, ArrayPool<float>.Shared.Rent(n), ArrayPool<float>.Shared.Rent(n), pooled: true);
    }

    public PixelRect Region { get; }
    public int Width => Region.Width;
    public int Height => Region.Height;
    public int Length => (int)Region.Area;

    public Span<float> Re => (_re ?? throw new ObjectDisposedException(nameof(ComplexField))).AsSpan(0, Length);
    public Span<float> Im => (_im ?? throw new ObjectDisposedException(nameof(ComplexField))).AsSpan(0, Length);

    /// <summary>Row-major index of global pixel (x, y).</summary>
    public int IndexOf(int x, int y) => (y - Region.Y) * Width + (x - Region.X);

    public Complex this[int x, int y]
    {
        get { int i = IndexOf(x, y); return new Complex(Re[i], Im[i]); }
    }

    /// <summary>Copies row-major complex values laid out over <paramref name="region"/>.</summary>
    public static ComplexField FromComplex(ReadOnlySpan<Complex> values, PixelRect region)
    {
        if (values.Length != region.Area) throw new ArgumentException($"Expected {region.Area} values, got {values.Length}.", nameof(values));
        var field = new ComplexField(region);
        Span<float> re = field.Re, im = field.Im;
        for (int i = 0; i < values.Length; i++)
        {
            re[i] = (float)values[i].Real;
            im[i] = (float)values[i].Imaginary;
        }
        return field;
    }

    public Complex[] ToComplex()
    {
        var result = new Complex[Length];
        ReadOnlySpan<float> re = Re, im = Im;
        for (int i = 0; i < result.Length; i++) result[i] = new Complex(re[i], im[i]);
        return result;
    }

    /// <summary>Copies the overlapping part of <paramref name="source"/> into this field.</summary>
    public void CopyFrom(ComplexField source)
    {
        var overlap = Region.Intersect(source.Region);
        for (int y = overlap.Y; y < overlap.Bottom; y++)
        {
            int s = source.IndexOf(overlap.X, y), d = IndexOf(overlap.X, y);
            source.Re.Slice(s, overlap.Width).CopyTo(Re.Slice(d, overlap.Width));
            source.Im.Slice(s, overlap.Width).CopyTo(Im.Slice(d, overlap.Width));
        }
    }

    public void Dispose()
    {
        if (_pooled)
        {
            if (_re is not null) ArrayPool<float>.Shared.Return(_re);
            if (_im is not null) ArrayPool<float>.Shared.Return(_im);
        }
        _re = null;
        _im = null;
    }
}
