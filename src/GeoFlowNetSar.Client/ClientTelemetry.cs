using GeoFlowNetSar.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace GeoFlowNetSar.Client;

/// <summary>
/// The client's spans (scene.submit and Orleans' outgoing call, whose context the silos continue): on the console with
/// --trace-console, by OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set. The host's disposal flushes them before exit.
/// </summary>
internal static class ClientTelemetry
{
    public static void Add(HostApplicationBuilder builder, bool console)
    {
        bool otlp = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        if (!otlp && !console) return;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("geoflownet-client"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(GeoFlowTelemetry.Name, "Microsoft.Orleans.Application");
                if (otlp) tracing.AddOtlpExporter();
                if (console) tracing.AddConsoleExporter();
            });
    }
}
