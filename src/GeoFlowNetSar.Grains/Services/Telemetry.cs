using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GeoFlowNetSar.Grains.Services;

/// <summary>The spans and metrics named "GeoFlowNetSar" (DESIGN.md, Observability), exported by whatever the host wires up.</summary>
public static class Telemetry
{
    public const string Name = "GeoFlowNetSar";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> TilesDone = Meter.CreateCounter<long>("geoflownet.tiles.done", description: "Tiles finished (computed or reused).");

    public static readonly Histogram<double> TileSeconds = Meter.CreateHistogram<double>("geoflownet.tile.duration", unit: "s", description: "Time to compute one tile.");

    public static readonly Counter<double> Megapixels = Meter.CreateCounter<double>("geoflownet.megapixels", unit: "Mpx", description: "Scene megapixels stitched.");
}
