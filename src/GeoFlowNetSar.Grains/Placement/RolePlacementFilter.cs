using GeoFlowNetSar.Estimators;
using Orleans.Metadata;
using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace GeoFlowNetSar.Grains.Placement;

/// <summary>
/// Places a grain only on silos whose metadata "role" (a comma-separated list, e.g. "gpu,cpu") contains
/// <c>role</c>. Orleans' built-in metadata filters compare with the calling silo; this one compares with a fixed value.
/// When no silo qualifies, placement fails with Orleans' "No active nodes are compatible" error; the scene grain checks
/// the roles first so that a scene fails fast with a clear reason instead.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequiresRoleAttribute(string role) : PlacementFilterAttribute(new RolePlacementFilterStrategy(role, 0));

public sealed class RolePlacementFilterStrategy(string role, int order) : PlacementFilterStrategy(order)
{
    private const string RoleProperty = "role";

    public RolePlacementFilterStrategy()
        : this(SiloRoles.Cpu, 0)
    {
    }

    public string Role { get; private set; } = role;

    public override void AdditionalInitialize(GrainProperties properties) =>
        Role = GetPlacementFilterGrainProperty(RoleProperty, properties) ?? throw new ArgumentException("The role placement filter has no role property.");

    protected override IEnumerable<KeyValuePair<string, string>> GetAdditionalGrainProperties(
        IServiceProvider services, Type grainClass, GrainType grainType, IReadOnlyDictionary<string, string> existingProperties)
    {
        yield return new KeyValuePair<string, string>(RoleProperty, Role);
    }
}

public sealed class RolePlacementFilterDirector(ISiloMetadataCache metadata) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        if (filterStrategy is not RolePlacementFilterStrategy strategy)
            throw new ArgumentException($"Expected a {nameof(RolePlacementFilterStrategy)}.", nameof(filterStrategy));
        return silos.Where(silo => SiloRoleMetadata.HasRole(metadata.GetSiloMetadata(silo), strategy.Role));
    }
}

/// <summary>The silo metadata key that carries a silo's roles.</summary>
public static class SiloRoleMetadata
{
    public const string Key = "role";

    public static IReadOnlyList<string> Roles(SiloMetadata metadata) =>
        SiloRoles.Parse(metadata.Metadata.GetValueOrDefault(Key));

    public static bool HasRole(SiloMetadata metadata, string role) => Roles(metadata).Contains(role, StringComparer.OrdinalIgnoreCase);
}
