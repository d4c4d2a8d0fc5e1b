using GeoFlowNetSar.Core.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace GeoFlowNetSar.Silo;

/// <summary>
/// Traces and metrics of a silo. OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard OTEL_* variables
/// configure it further); <c>Telemetry:Console=true</c> prints spans and metrics on stdout for local debugging; nothing
/// is collected when neither is asked for.
/// </summary>
public static class SiloTelemetry
{
    public const string ServiceName = "geoflownet-silo";

    // Orleans' spans for application grain calls; "Microsoft.Orleans.Runtime" (system targets, membership) is noisy and
    // only added with Telemetry:OrleansRuntimeTraces=true.
    private const string OrleansApplicationSource = "Microsoft.Orleans.Application";
    private const string OrleansRuntimeSource = "Microsoft.Orleans.Runtime";

    public static void AddSiloTelemetry(this WebApplicationBuilder builder, string instance, string roles)
    {
        bool otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        bool console = builder.Configuration.GetValue<bool>("Telemetry:Console");
        if (!otlp && !console) return;
        bool runtimeTraces = builder.Configuration.GetValue<bool>("Telemetry:OrleansRuntimeTraces");

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(ServiceName, serviceInstanceId: instance)
                .AddAttributes([new("geoflownet.silo.roles", roles)]))
            .WithTracing(tracing =>
            {
                tracing.AddSource(GeoFlowTelemetry.Name, OrleansApplicationSource);
                if (runtimeTraces) tracing.AddSource(OrleansRuntimeSource);
                if (otlp) tracing.AddOtlpExporter();
                if (console) tracing.AddConsoleExporter();
            })
            .WithMetrics(metrics =>
            {
                // System.Runtime: the runtime's own meter (GC, thread pool, CPU) since .NET 9.
                metrics.AddMeter(GeoFlowTelemetry.Name, "Microsoft.Orleans", "System.Runtime");
                // Exemplars: histogram buckets carry the trace id of a sampled measurement (Grafana links slow tiles to their trace).
                metrics.SetExemplarFilter(ExemplarFilterType.TraceBased);
                if (otlp) metrics.AddOtlpExporter();
                if (console) metrics.AddConsoleExporter();
            });
    }
}
