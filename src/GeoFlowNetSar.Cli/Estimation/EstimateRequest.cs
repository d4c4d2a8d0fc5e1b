using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Estimators.CoarseOffset;

namespace GeoFlowNetSar.Cli.Estimation;

/// <summary>Everything `geoflownet estimate` was asked to do; <see cref="Catalog"/> null means the shipped methods.</summary>
public sealed record EstimateRequest(
    string Pre,
    string Post,
    string Output,
    string Method = "frequency",
    int? Window = null,
    int? Step = null,
    string Units = "px",
    double? RangeSpacing = null,
    double? AzimuthSpacing = null,
    bool Uncertainty = false,
    bool Overwrite = false,
    bool CloudOptimized = false,
    int Band = 1,
    bool InputIsDecibels = false,
    int? Threads = null,
    string? Device = null,
    int? ChunkSize = null,
    CoarseOffsetMode Coarse = CoarseOffsetMode.Auto,
    EstimatorCatalog? Catalog = null,
    CorrelatorTuning? Tuning = null,
    bool FlipAverage = true,
    string? Precision = null);
