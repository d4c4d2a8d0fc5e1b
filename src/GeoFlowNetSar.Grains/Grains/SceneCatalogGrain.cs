using GeoFlowNetSar.Grains.Contracts;

namespace GeoFlowNetSar.Grains.Grains;

[GenerateSerializer]
[Alias("GeoFlowNetSar.SceneCatalogState")]
public sealed class SceneCatalogState
{
    [Id(0)] public List<string> Scenes { get; set; } = [];
}

public sealed class SceneCatalogGrain([PersistentState("catalog", GeoFlowStorage.Name)] IPersistentState<SceneCatalogState> state)
    : Grain, ISceneCatalogGrain
{
    public async Task Register(string sceneId)
    {
        if (state.State.Scenes.Contains(sceneId, StringComparer.Ordinal)) return;
        state.State.Scenes.Add(sceneId);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>(state.State.Scenes.ToArray());
}
