using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Model.Torch;

/// <summary>
/// Guards against a TorchSharp 0.107 lifetime bug. Wherever TorchSharp turns a number into a <see cref="Scalar"/>
/// itself — implicit conversions (<c>t * 0.5</c>, <c>t.mul_(0.9)</c>, <c>t &gt; 0.1</c>) and hidden defaults
/// (<c>a + b</c> and <c>a.add(b)</c> pass alpha = 1, <c>add_(s)</c> too, <c>square()</c> is <c>pow(2)</c>) — the
/// temporary Scalar is unreachable while libtorch still reads it. Its finalizer frees it when a garbage collection
/// lands in that window (other threads allocating make that likely), and libtorch then reads freed memory:
/// "Expected false to be true … toFloat at c10/core/Scalar.h", or a silently wrong value. Measured here: about one
/// crash per 2 000 training steps with a sample producer thread; on every few steps with a GC-forcing thread.
/// Rule for this code base: pass Scalars that are kept alive (these statics, or a <c>using var s = x.ToScalar()</c>
/// declared before the call), use <see cref="Add"/> for tensor sums and <c>x.mul(x)</c> for squares.
/// </summary>
public static class TorchScalars
{
    /// <summary>1, alive for the whole process.</summary>
    public static Scalar One { get; } = 1.ToScalar();

    /// <summary>a + b without a temporary alpha Scalar.</summary>
    public static Tensor Add(Tensor a, Tensor b) => a.add(b, One);
}
