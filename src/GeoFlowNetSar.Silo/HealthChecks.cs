using GeoFlowNetSar.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace GeoFlowNetSar.Silo;

/// <summary>Ready when this silo is an active cluster member.</summary>
public sealed class SiloActiveHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"{silo.Name} is active")
            : HealthCheckResult.Unhealthy($"{silo.Name} is {status}"));
    }
}

/// <summary>Ready when the blob store answers (a listing of an empty prefix).</summary>
public sealed class BlobStoreHealthCheck(IBlobStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.GetInfoAsync("health/probe", cancellationToken);
            return HealthCheckResult.Healthy(store.Description);
        }
        catch (Exception error)
        {
            return HealthCheckResult.Unhealthy($"{store.Description}: {error.Message}", error);
        }
    }
}
