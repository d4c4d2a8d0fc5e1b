namespace GeoFlowNetSar.Grains.Services;

/// <summary>A scene cannot run as submitted (missing or mismatched inputs, unknown method, no silo for its role); the message is the reason shown to the user.</summary>
public sealed class SceneRejectedException(string reason, Exception? inner = null) : Exception(reason, inner);
