using System.Buffers;

namespace GeoFlowNetSar.Synthesis.Speckle;

/// <summary>
/// A scratch buffer of exactly <c>length</c> elements borrowed from the shared pool (contents undefined until
/// written). Samples reuse the same large buffers instead of putting several 300 KB arrays per sample on the
/// large-object heap, which would cost gen-2 collections at 40 samples/s.
/// </summary>
internal readonly struct PooledBuffer<T> : IDisposable
{
    private readonly T[] _array;
    private readonly int _length;

    public PooledBuffer(int length, bool clear = false)
    {
        _array = ArrayPool<T>.Shared.Rent(Math.Max(length, 1));
        _length = length;
        if (clear) Span.Clear();
    }

    public Span<T> Span => _array.AsSpan(0, _length);

    public void Dispose() => ArrayPool<T>.Shared.Return(_array);
}
