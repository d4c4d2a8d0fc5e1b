namespace GeoFlowNetSar.Pipeline.Scenes;

/// <summary>Progress of a scene: windows estimated so far out of all windows.</summary>
public readonly record struct SceneProgress(long WindowsDone, long WindowsTotal, int ChunksDone, int ChunksTotal);
