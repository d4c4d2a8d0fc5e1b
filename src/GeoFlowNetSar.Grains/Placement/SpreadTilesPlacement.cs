using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace GeoFlowNetSar.Grains.Placement;

/// <summary>
/// Tiles of a scene are dealt out in turn over the compatible silos (those of the tile's role, after
/// <see cref="RequiresRoleAttribute"/>'s filter). Orleans 10's default, resource-optimised placement prefers the calling
/// silo: the scene grain's silo got all 4 tiles of a 4096² scene and the cluster ran at 1.67× the embedded time
/// (bench/RESULTS.md). Tiles are equal-sized pieces of work, so taking turns balances them.
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class SpreadTilesPlacement : PlacementStrategy
{
    public static SpreadTilesPlacement Singleton { get; } = new();
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SpreadTilesPlacementAttribute() : PlacementAttribute(SpreadTilesPlacement.Singleton);

/// <summary>One turn counter per silo: placement runs on the caller's silo, where the scene grain fans its tiles out.</summary>
public sealed class SpreadTilesPlacementDirector : IPlacementDirector
{
    private int _turn = -1;

    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        if (silos.Length == 0) throw new OrleansException($"No active silo can host {target.GrainIdentity}.");
        var ordered = silos.OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToArray();
        int turn = (int)((uint)Interlocked.Increment(ref _turn) % (uint)ordered.Length);
        return Task.FromResult(ordered[turn]);
    }
}
