using GeoFlowNetSar.Model.Network;

namespace GeoFlowNetSar.Model.Weights;

/// <summary>What a compact weights file's header says: architecture, payload hash and free-form metadata.</summary>
/// <param name="PayloadSha256">Lower-case hex sha256 of the payload: the model's identity (tile keys, reports).</param>
/// <param name="Metadata">Free-form provenance (training step, validation MAE, creation time…).</param>
public sealed record WeightsInfo(
    int FormatVersion,
    UNetArchitecture Architecture,
    string ElementType,
    long ParameterCount,
    long PayloadBytes,
    string PayloadSha256,
    IReadOnlyDictionary<string, string> Metadata);
