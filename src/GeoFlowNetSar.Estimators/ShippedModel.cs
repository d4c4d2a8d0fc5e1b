using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Correlators.Frequency;
using GeoFlowNetSar.Estimators.CoarseOffset;
using GeoFlowNetSar.Model.Inference;
using GeoFlowNetSar.Model.Weights;
using GeoFlowNetSar.TorchSupport;

namespace GeoFlowNetSar.Estimators;

/// <summary>
/// The U-Net weights this build ships (models/geoflownet-sar.gfnw, copied next to the binaries), or the file named
/// by GEOFLOWNET_MODEL. Without a readable file the "unet" method is listed but not available.
/// </summary>
public static class ShippedModel
{
    public const string EnvironmentVariable = "GEOFLOWNET_MODEL";
    public const string FileName = "geoflownet-sar" + ModelWeights.FileExtension;

    public static string DefaultPath => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured
        ? configured
        : Path.Combine(AppContext.BaseDirectory, "models", FileName);

    /// <summary>The "unet" catalog entry for the weights at <paramref name="path"/> (unavailable when missing).</summary>
    public static EstimatorMethod Method(string? path = null)
    {
        path ??= DefaultPath;
        var method = new EstimatorMethod("unet", SiloRoles.Gpu, Core.Tiling.EstimateFootprint.DenseWindow, 256, 128,
            "GeoFlowNet-SAR U-Net", Factory: null);
        if (!File.Exists(path)) return method;
        var info = ModelWeights.ReadInfo(path);
        return method with
        {
            Factory = settings => Create(path, settings),
            ModelHash = info.PayloadSha256,
        };
    }

    private static IDisplacementEstimator Create(string path, EstimatorSettings settings)
    {
        TorchRuntime.Configure(settings.Threads);
        var device = TorchRuntime.SelectDevice(settings.Device);
        var unet = UNetEstimator.Load(path, new UNetEstimatorOptions(settings.Window, settings.Step, FlipAveraging: settings.FlipAverage,
            Precision: InferencePrecisions.ForDevice(InferencePrecisions.Parse(settings.Precision), device)), device);
        if (settings.Coarse == CoarseOffsetMode.Off) return unet;
        // The coarse grid is the U-Net's window grid: one frequency-correlator offset per 256² window.
        return new CoarseOffsetDenseEstimator(unet, new FrequencyCorrelator(new FrequencyCorrelatorOptions(settings.Window, settings.Step), device));
    }
}
