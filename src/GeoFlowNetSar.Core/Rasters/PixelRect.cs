namespace GeoFlowNetSar.Core.Rasters;

/// <summary>A half-open pixel rectangle [X, X+Width) × [Y, Y+Height) in some image's coordinates.</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;
    public int Bottom => Y + Height;
    public bool IsEmpty => Width <= 0 || Height <= 0;
    public long Area => (long)Width * Height;

    public static PixelRect FromBounds(int left, int top, int right, int bottom) =>
        new(left, top, Math.Max(0, right - left), Math.Max(0, bottom - top));

    public PixelRect Intersect(PixelRect other) => FromBounds(
        Math.Max(X, other.X), Math.Max(Y, other.Y),
        Math.Min(Right, other.Right), Math.Min(Bottom, other.Bottom));

    public PixelRect Union(PixelRect other) =>
        IsEmpty ? other : other.IsEmpty ? this : FromBounds(
            Math.Min(X, other.X), Math.Min(Y, other.Y),
            Math.Max(Right, other.Right), Math.Max(Bottom, other.Bottom));

    public bool Contains(PixelRect other) =>
        other.X >= X && other.Y >= Y && other.Right <= Right && other.Bottom <= Bottom;

    public PixelRect Offset(int dx, int dy) => this with { X = X + dx, Y = Y + dy };

    public override string ToString() => $"[{X},{Y} {Width}x{Height}]";
}
