using System.Numerics;
using System.Runtime.InteropServices;
using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.TorchSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Windows;

/// <summary>
/// Gathers PRE and POST windows straight into two reusable CPU staging tensors [capacity, N, N] (a row copy per
/// window row, no other per-window work on the host), then standardises them on the device: zero mean and unit
/// variance per window. A window with too many non-finite pixels, or with no texture (constant), is flagged
/// unusable (<see cref="WindowUsability"/>'s rule, evaluated on the device); a few non-finite pixels are filled with
/// the window mean so they neither dominate the spectrum nor poison the whole window.
/// </summary>
public sealed class WindowBatch : IDisposable
{
    private static readonly Scalar FlatRelativeStd = WindowUsability.FlatRelativeStd.ToScalar();
    private static readonly Scalar MeanFloor = WindowUsability.MeanFloor.ToScalar();

    private readonly Tensor _preStaging;
    private readonly Tensor _postStaging;
    private bool _anyNonFinite;

    public WindowBatch(int window, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Window = window;
        Capacity = capacity;
        _preStaging = zeros([capacity, window, window], dtype: ScalarType.Float32, device: CPU).DetachFromDisposeScope();
        _postStaging = zeros([capacity, window, window], dtype: ScalarType.Float32, device: CPU).DetachFromDisposeScope();
    }

    public int Window { get; }
    public int Capacity { get; }
    public int Count { get; private set; }

    /// <summary>Copies PRE windows at <paramref name="preOrigins"/> and POST windows at <paramref name="postOrigins"/>.</summary>
    public void Gather(FloatImage pre, FloatImage post, ReadOnlySpan<WindowOrigin> preOrigins, ReadOnlySpan<WindowOrigin> postOrigins)
    {
        if (preOrigins.Length > Capacity) throw new ArgumentOutOfRangeException(nameof(preOrigins), $"At most {Capacity} windows per batch.");
        if (postOrigins.Length != preOrigins.Length) throw new ArgumentException("PRE and POST need as many windows.", nameof(postOrigins));
        Count = preOrigins.Length;
        var preBuffer = MemoryMarshal.Cast<byte, float>(_preStaging.bytes);
        var postBuffer = MemoryMarshal.Cast<byte, float>(_postStaging.bytes);
        int area = Window * Window;
        bool nonFinite = false;
        for (int i = 0; i < preOrigins.Length; i++)
        {
            nonFinite |= Copy(pre, preOrigins[i], preBuffer.Slice(i * area, area));
            nonFinite |= Copy(post, postOrigins[i], postBuffer.Slice(i * area, area));
        }
        _anyNonFinite = nonFinite;
    }

    /// <summary>
    /// The gathered windows on <paramref name="device"/>, standardised, as [Count, N, N] float32, and the [Count]
    /// boolean flag of windows that have enough finite pixels and texture in both images. The tensors belong to
    /// the caller's dispose scope.
    /// </summary>
    public (Tensor Pre, Tensor Post, Tensor Usable) Standardised(Device device)
    {
        var pre = _preStaging.narrow(0, 0, Count).to(device);
        var post = _postStaging.narrow(0, 0, Count).to(device);
        var (preStd, preOk) = Standardise(pre, _anyNonFinite);
        var (postStd, postOk) = Standardise(post, _anyNonFinite);
        return (preStd, postStd, preOk & postOk);
    }

    private bool Copy(FloatImage image, WindowOrigin origin, Span<float> destination)
    {
        if (origin.X < 0 || origin.Y < 0 || origin.X + Window > image.Width || origin.Y + Window > image.Height)
            throw new ArgumentOutOfRangeException(nameof(origin),
                $"The {Window}-pixel window at ({origin.X}, {origin.Y}) is outside the {image.Width}x{image.Height} image.");
        for (int y = 0; y < Window; y++)
            image.Pixels.AsSpan((origin.Y + y) * image.Width + origin.X, Window).CopyTo(destination.Slice(y * Window, Window));
        return HasNonFinite(destination);
    }

    // x − x is 0 for finite x and NaN for NaN and ±∞, so one vectorised pass finds any non-finite value.
    private static bool HasNonFinite(ReadOnlySpan<float> values)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        var acc = Vector<float>.Zero;
        foreach (var v in vectors) acc += v - v;
        float probe = Vector.Sum(acc);
        for (int i = vectors.Length * Vector<float>.Count; i < values.Length; i++) probe += values[i] - values[i];
        return float.IsNaN(probe);
    }

    private static (Tensor Values, Tensor Usable) Standardise(Tensor x, bool mayHaveNonFinite)
    {
        // Reductions over one flattened dimension: several times faster than over [1, 2] on the CPU.
        var flat = x.flatten(1);
        long area = flat.shape[1];
        Tensor mean, centred, enough;
        if (mayHaveNonFinite)
        {
            var finite = flat.isfinite();
            var count = finite.sum(1, keepdim: true, type: ScalarType.Float32);
            mean = where(finite, flat, zeros_like(flat)).sum(1, keepdim: true) / count.clamp_min(TorchScalars.One);
            centred = where(finite, flat - mean, zeros_like(flat));
            using var minFinite = WindowUsability.MinFiniteCount(checked((int)area)).ToScalar();
            enough = count.ge(minFinite).flatten();
        }
        else
        {
            mean = flat.mean([1], keepdim: true);
            centred = flat - mean;
            enough = ones(flat.shape[0], dtype: ScalarType.Bool, device: flat.device);
        }
        var std = TorchScalars.Square(centred).mean([1], keepdim: true).sqrt_();
        var textured = std.gt(mean.abs().clamp_min(MeanFloor).mul(FlatRelativeStd)).flatten();
        var usable = enough & textured;
        var scale = where(usable.view(-1, 1), std, ones_like(std));
        return (centred.div_(scale).view_as(x), usable);
    }

    public void Dispose()
    {
        _preStaging.Dispose();
        _postStaging.Dispose();
    }
}
