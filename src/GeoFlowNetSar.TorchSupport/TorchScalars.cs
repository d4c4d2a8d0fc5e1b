using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.TorchSupport;

/// <summary>
/// Guards against a TorchSharp 0.107 lifetime bug. Wherever TorchSharp turns a number into a <see cref="Scalar"/>
/// itself — implicit conversions (<c>t * 0.5</c>, <c>t.mul_(0.9)</c>, <c>t &gt; 0.1</c>, <c>t.clamp_min(1e-20)</c>,
/// <c>full_like(t, float.NaN)</c>, <c>arange(n)</c>) and hidden defaults (<c>a + b</c>, <c>a.add(b)</c>,
/// <c>t + s</c>, <c>s - t</c> and <c>add_(s)</c> pass alpha = 1; <c>square()</c> is <c>pow(2)</c>; <c>arange(n)</c> is
/// <c>arange(0, n, 1)</c>) — the temporary Scalar is unreachable while libtorch still reads it. DisposeScopes track
/// tensors, not Scalars, so nothing keeps it alive: its finalizer frees it when a garbage collection lands in that
/// window (other threads allocating make that likely), and libtorch then reads freed memory — "Expected false to be
/// true … toFloat at c10/core/Scalar.h", or a silently wrong value. Measured here: about one crash per 2 000 training
/// steps with a sample producer thread; on every few steps with a GC-forcing thread.
/// Upstream: dotnet/TorchSharp PRs #1434 and #1496. Rule for this code base: pass only Scalars that are kept alive —
/// the static ones here or a class's own <c>static readonly</c> ones for constants, a <c>using var s = x.ToScalar();</c>
/// declared before the call for computed values — and use <see cref="Add(Tensor, Tensor)"/> for tensor sums,
/// <see cref="Square"/> for squares and <see cref="Arange"/> for ranges. <c>a - b</c>, <c>a * b</c>, <c>a / b</c> on two
/// tensors and <c>t - s</c>, <c>t * s</c>, <c>t / s</c>, <c>t &gt; s</c> with a kept-alive Scalar s are safe (no hidden Scalar).
/// Never dispose the shared statics, and never hand out a cached Scalar that some caller might dispose.
/// </summary>
public static class TorchScalars
{
    /// <summary>0 (int32; adapts to every dtype), alive for the whole process.</summary>
    public static Scalar Zero { get; } = 0.ToScalar();

    /// <summary>1 (int32; adapts to every dtype, also the alpha of sums), alive for the whole process.</summary>
    public static Scalar One { get; } = 1.ToScalar();

    /// <summary>2 (int32), alive for the whole process.</summary>
    public static Scalar Two { get; } = 2.ToScalar();

    /// <summary>−1 (int32), alive for the whole process.</summary>
    public static Scalar MinusOne { get; } = (-1).ToScalar();

    /// <summary>0.5 (float64), alive for the whole process.</summary>
    public static Scalar Half { get; } = 0.5.ToScalar();

    /// <summary>0.25 (float64), alive for the whole process.</summary>
    public static Scalar Quarter { get; } = 0.25.ToScalar();

    /// <summary>π (float64), alive for the whole process.</summary>
    public static Scalar Pi { get; } = Math.PI.ToScalar();

    /// <summary>2π (float64), alive for the whole process.</summary>
    public static Scalar TwoPi { get; } = (2 * Math.PI).ToScalar();

    /// <summary>NaN (float32), alive for the whole process: the "no estimate" fill of float tensors.</summary>
    public static Scalar NaN { get; } = float.NaN.ToScalar();

    /// <summary>a + b without a temporary alpha Scalar.</summary>
    public static Tensor Add(Tensor a, Tensor b) => a.add(b, One);

    /// <summary>t + s (s kept alive by the caller) without a temporary alpha Scalar.</summary>
    public static Tensor Add(Tensor t, Scalar s) => t.add(s, One);

    /// <summary>s − t (s kept alive by the caller) without a temporary alpha Scalar (TorchSharp's <c>s - t</c> is −t + s).</summary>
    public static Tensor Subtract(Scalar s, Tensor t) => t.neg().add_(s, One);

    /// <summary>x², as x·x (TorchSharp's <c>square()</c> is <c>pow(2)</c> with a temporary Scalar).</summary>
    public static Tensor Square(Tensor x) => x.mul(x);

    /// <summary>0, 1, …, n − 1 as a 1-D tensor of <paramref name="dtype"/> (TorchSharp's <c>arange(n)</c> makes three temporary Scalars).</summary>
    public static Tensor Arange(long n, ScalarType dtype, Device? device = null)
    {
        using var stop = n.ToScalar();
        return arange(Zero, stop, One, dtype, device);
    }

    /// <summary>A 1-D tensor of <paramref name="size"/> copies of <paramref name="value"/>.</summary>
    public static Tensor Full(long size, double value, ScalarType dtype, Device? device = null)
    {
        using var fill = value.ToScalar();
        return full(size, fill, dtype, device);
    }
}
