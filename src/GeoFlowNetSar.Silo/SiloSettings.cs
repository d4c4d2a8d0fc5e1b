namespace GeoFlowNetSar.Silo;

/// <summary>
/// Configuration section "Cluster" (environment: Cluster__Clustering=redis, Cluster__Redis=host:6379, …; or command line
/// --Cluster:Clustering=redis). Roles and work limits are in section "GeoFlowNetSar" (GeoFlowSiloOptions), storage in "Storage".
/// </summary>
public sealed class SiloSettings
{
    public string ClusterId { get; set; } = "geoflownet";
    public string ServiceId { get; set; } = "geoflownet";

    /// <summary>"localhost" (one machine; the first silo is the primary) or "redis" (membership and grain state in Redis).</summary>
    public string Clustering { get; set; } = "localhost";

    /// <summary>StackExchange.Redis connection string, e.g. "127.0.0.1:6379".</summary>
    public string? Redis { get; set; }

    /// <summary>Name of this silo in reports and statuses; Orleans picks one when empty.</summary>
    public string? SiloName { get; set; }

    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Localhost clustering: the primary silo's port (the silo whose SiloPort this is is the primary).</summary>
    public int PrimarySiloPort { get; set; } = 11111;

    /// <summary>Address other silos and clients use to reach this one (Redis clustering); loopback when empty.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Port of the HTTP health endpoints (/healthz liveness, /readyz readiness); 0 = an ephemeral loopback port.</summary>
    public int HealthPort { get; set; } = 8080;

    /// <summary>How long a stopping silo may take to hand over its grains.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
