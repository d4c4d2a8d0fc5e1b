using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Windows;

/// <summary>Optional per-window pre-filters on [B, N, N] windows (Ampcor's deramp and Wallis options, for amplitude).</summary>
public static class WindowPrefilters
{
    /// <summary>
    /// Removes the least-squares plane a + b·x + c·y from each window. (For complex SLC, Ampcor deramps the phase;
    /// on the amplitude this contract hands over, the analogue is an intensity ramp — illumination, slope.)
    /// </summary>
    public static Tensor Deramp(Tensor windows)
    {
        long n = windows.shape[1];
        var axis = arange(n, dtype: ScalarType.Float32, device: windows.device) - (n - 1) / 2.0;
        var x = axis.view(1, 1, n);
        var y = axis.view(1, n, 1);
        double moment = axis.square().sum().item<float>() * n; // Σ x² over the window (= Σ y²)
        var b = (windows * x).sum([1, 2], keepdim: true) / moment;
        var c = (windows * y).sum([1, 2], keepdim: true) / moment;
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
        var meanSquare = nn.functional.avg_pool2d(x.square(), size, stride: 1, padding: size / 2, count_include_pad: false);
        var std = (meanSquare - mean.square()).clamp_min(0).sqrt();
        return ((x - mean) / (std + 1e-6)).squeeze(1);
    }
}
