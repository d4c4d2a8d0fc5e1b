namespace GeoFlowNetSar.Pipeline.Scenes;

/// <summary>A user error in the scene's inputs or settings; the message is shown as is.</summary>
public sealed class SceneInputException(string message) : Exception(message);
