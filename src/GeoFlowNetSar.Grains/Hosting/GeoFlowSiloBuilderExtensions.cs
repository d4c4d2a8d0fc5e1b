using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Grains.Placement;
using GeoFlowNetSar.Grains.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace GeoFlowNetSar.Grains.Hosting;

/// <summary>Makes a silo a GeoFlowNet-SAR silo; the same call serves the silo host, the embedded run and the tests.</summary>
public static class GeoFlowSiloBuilderExtensions
{
    /// <summary>
    /// Registers the grains' services, the role placement filter, activity propagation and the silo metadata "role" (from
    /// <see cref="GeoFlowSiloOptions.Roles"/>). The caller still registers an <c>IBlobStore</c> and a grain storage named
    /// <see cref="Grains.GeoFlowStorage.Name"/> (memory or Redis). An <see cref="EstimatorCatalog"/> registered before
    /// this call replaces <see cref="EstimatorCatalog.Default"/>.
    /// </summary>
    public static ISiloBuilder AddGeoFlowNetSar(this ISiloBuilder builder, Action<GeoFlowSiloOptions>? configure = null)
    {
        var options = new GeoFlowSiloOptions();
        configure?.Invoke(options);
        var roles = SiloRoles.Parse(options.Roles);
        if (roles.Count == 0) throw new ArgumentException("A silo needs at least one role (cpu, gpu).", nameof(configure));
        options.Roles = string.Join(",", roles);

        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.TryAddSingleton(EstimatorCatalog.Default);
        builder.Services.AddSingleton<EstimatorPool>();
        builder.Services.AddSingleton<ClusterRoles>();
        builder.Services.AddPlacementFilter<RolePlacementFilterStrategy, RolePlacementFilterDirector>(ServiceLifetime.Transient);
        builder.Services.AddPlacementDirector<SpreadTilesPlacement, SpreadTilesPlacementDirector>();
        builder.UseSiloMetadata(new Dictionary<string, string> { [SiloRoleMetadata.Key] = options.Roles });
        // Trace context travels with every grain call, so a scene's spans on any silo join the submitting client's trace.
        builder.AddActivityPropagation();
        return builder;
    }
}
