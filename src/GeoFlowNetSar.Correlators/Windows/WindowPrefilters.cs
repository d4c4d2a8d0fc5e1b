using GeoFlowNetSar.TorchSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Windows;

/// <summary>Optional per-window pre-filters on [B, N, N] windows (Ampcor's deramp and Wallis options, for amplitude).</summary>
public static class WindowPrefilters
{
    private static readonly Scalar WallisFloor = 1e-6.ToScalar();

    /// <summary>
    /// Removes the least-squares plane a + b·x + c·y from each window. (For complex SLC, Ampcor deramps the phase;
    /// on the amplitude this contract hands over, the analogue is an intensity ramp — illumination, slope.)
    /// </summary>
    public static Tensor Deramp(Tensor windows)
    {
        long n = windows.shape[1];
        using var centre = ((n - 1) / 2.0).ToScalar();
        var axis = TorchScalars.Arange(n, ScalarType.Float32, windows.device).sub(centre);
        var x = axis.view(1, 1, n);
        var y = axis.view(1, n, 1);
        double moment = TorchScalars.Square(axis).sum().item<float>() * n; // Σ x² over the window (= Σ y²)
        using var momentScalar = moment.ToScalar();
        var b = (windows * x).sum([1, 2], keepdim: true).div(momentScalar);
        var c = (windows * y).sum([1, 2], keepdim: true).div(momentScalar);
        var centred = windows - windows.mean([1, 2], keepdim: true);
        return centred - b * x - c * y;
    }

    /// <summary>
    /// Wallis filter: (v − local mean) / local standard deviation over a <paramref name="size"/>² box (edges use the
    /// pixels available), which evens out contrast so bright scatterers do not dominate the correlation.
    /// </summary>
    public static Tensor Wallis(Tensor windows, int size)
    {
        var x = windows.unsqueeze(1);
        var mean = nn.functional.avg_pool2d(x, size, stride: 1, padding: size / 2, count_include_pad: false);
        var meanSquare = nn.functional.avg_pool2d(TorchScalars.Square(x), size, stride: 1, padding: size / 2, count_include_pad: false);
        var std = (meanSquare - TorchScalars.Square(mean)).clamp_min(TorchScalars.Zero).sqrt();
        return ((x - mean) / TorchScalars.Add(std, WallisFloor)).squeeze(1);
    }
}
