using GeoFlowNetSar.Grains.Placement;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace GeoFlowNetSar.Grains.Services;

/// <summary>
/// The roles of the active silos, from the silo metadata cache. The cache fills asynchronously after a silo joins, so
/// a question waits (up to a timeout) until every active silo's metadata is known before answering "no".
/// </summary>
public sealed class ClusterRoles(IClusterMembershipService membership, ISiloMetadataCache metadata)
{
    /// <summary>Active silos and their roles (silo address → roles); silos whose metadata is still unknown are left out.</summary>
    public IReadOnlyDictionary<SiloAddress, IReadOnlyList<string>> Known()
    {
        var known = new Dictionary<SiloAddress, IReadOnlyList<string>>();
        foreach (var (silo, member) in membership.CurrentSnapshot.Members)
        {
            if (member.Status != SiloStatus.Active) continue;
            var siloMetadata = metadata.GetSiloMetadata(silo);
            if (!ReferenceEquals(siloMetadata, SiloMetadata.Empty)) known[silo] = SiloRoleMetadata.Roles(siloMetadata);
        }
        return known;
    }

    /// <summary>True as soon as an active silo has <paramref name="role"/>; false once every active silo is known without it (or at the timeout).</summary>
    public async Task<bool> AnySiloHasRoleAsync(string role, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var active = membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
            var known = Known();
            if (known.Values.Any(roles => roles.Contains(role, StringComparer.OrdinalIgnoreCase))) return true;
            if ((known.Count >= active && active > 0) || DateTime.UtcNow >= deadline) return false;
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }
}
