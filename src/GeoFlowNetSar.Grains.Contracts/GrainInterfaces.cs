namespace GeoFlowNetSar.Grains.Contracts;

/// <summary>
/// One scene (key: scene id). <see cref="Submit"/> returns at once; the scene then runs in the background and
/// <see cref="GetStatus"/> follows it. Submitting a running scene returns its status; submitting a finished one runs it
/// again, reusing every tile already computed for the same inputs and settings.
/// </summary>
[Alias("GeoFlowNetSar.ISceneGrain")]
public interface ISceneGrain : IGrainWithStringKey
{
    [Alias("Submit")]
    Task<SceneStatus> Submit(SceneRequest request);

    [Alias("GetStatus")]
    Task<SceneStatus> GetStatus();

    /// <summary>Stops a running scene (tiles in flight are cancelled); no result is written. Idempotent.</summary>
    [Alias("Cancel")]
    Task<SceneStatus> Cancel();
}

/// <summary>
/// One chunk of one scene for one method. Implemented twice, by grain types that differ only in where they may run:
/// <see cref="ICpuTileGrain"/> (role=cpu silos: correlators) and <see cref="IGpuTileGrain"/> (role=gpu: the U-Net).
/// Key: <c>&lt;scene&gt;/&lt;run key&gt;/&lt;chunk&gt;</c> (<see cref="SceneLayout.TileKey"/>).
/// </summary>
[Alias("GeoFlowNetSar.ITileGrain")]
public interface ITileGrain : IGrainWithStringKey
{
    /// <summary>Computes the chunk's accumulator blob, or finds it already there (Reused).</summary>
    [Alias("Process")]
    [ResponseTimeout("06:00:00")]
    Task<TileSummary> Process(TileWork work, CancellationToken cancellationToken = default);
}

[Alias("GeoFlowNetSar.ICpuTileGrain")]
public interface ICpuTileGrain : ITileGrain;

[Alias("GeoFlowNetSar.IGpuTileGrain")]
public interface IGpuTileGrain : ITileGrain;

/// <summary>Streams a scene's accumulators into the mosaic and writes results/&lt;scene&gt;/ (key: scene id).</summary>
[Alias("GeoFlowNetSar.IStitcherGrain")]
public interface IStitcherGrain : IGrainWithStringKey
{
    [Alias("Stitch")]
    [ResponseTimeout("06:00:00")]
    Task<StitchResult> Stitch(StitchWork work, CancellationToken cancellationToken = default);
}

/// <summary>The scenes ever submitted to this cluster (singleton, key <see cref="Key"/>), for `list`.</summary>
[Alias("GeoFlowNetSar.ISceneCatalogGrain")]
public interface ISceneCatalogGrain : IGrainWithStringKey
{
    const string Key = "all";

    [Alias("Register")]
    Task Register(string sceneId);

    [Alias("List")]
    Task<IReadOnlyList<string>> List();
}
