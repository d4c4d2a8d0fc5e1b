using GeoFlowNetSar.Core.Estimation;
using GeoFlowNetSar.Correlators.Ampcor;
using GeoFlowNetSar.Correlators.Frequency;
using GeoFlowNetSar.Correlators.Spatial;

namespace GeoFlowNetSar.Correlators.Tests;

/// <summary>The correlators under test, by name, at small-image settings.</summary>
internal static class Methods
{
    public const string Spatial = "spatial";
    public const string Frequency = "frequency";
    public const string FrequencyDft = "frequency-dft";
    public const string Ampcor = "ampcor";

    public static readonly string[] All = [Spatial, Frequency, FrequencyDft, Ampcor];

    public static TheoryData<string> AllData() => new(All);

    public static IWindowOffsetEstimator Create(string method, int window = 64, int step = 16) => method switch
    {
        Spatial => new SpatialCorrelator(new SpatialCorrelatorOptions(Window: window, Step: step)),
        Frequency => new FrequencyCorrelator(new FrequencyCorrelatorOptions(Window: window, Step: step)),
        FrequencyDft => new FrequencyCorrelator(new FrequencyCorrelatorOptions(Window: window, Step: step, SubPixel: SubPixelMethod.UpsampledDft)),
        Ampcor => new AmpcorCorrelator(new AmpcorCorrelatorOptions(Window: window, Step: step)),
        _ => throw new ArgumentException(method),
    };

    /// <summary>
    /// 32-pixel windows, with quality thresholds for 2×-oversampled speckle at that size: high enough to mask a window
    /// a quarter of which sees changed ground (single-look data correlates far less: NCC 0.5–0.7, frequency quality
    /// 0.75–0.85, so thresholds are a property of the data, not of the method).
    /// </summary>
    public static IWindowOffsetEstimator CreateSmall(string method, int step) => method switch
    {
        Spatial => new SpatialCorrelator(new SpatialCorrelatorOptions(Window: 32, Step: step, MinPeakNcc: 0.9)),
        Frequency => new FrequencyCorrelator(new FrequencyCorrelatorOptions(Window: 32, Step: step, MinQuality: 0.9)),
        FrequencyDft => new FrequencyCorrelator(new FrequencyCorrelatorOptions(Window: 32, Step: step, MinQuality: 0.9, SubPixel: SubPixelMethod.UpsampledDft)),
        Ampcor => new AmpcorCorrelator(new AmpcorCorrelatorOptions(Window: 32, Step: step, SearchRadius: 6, ZoomWindow: 8, MinSnr: 5, MinPeakNcc: 0.9)),
        _ => throw new ArgumentException(method),
    };
}
