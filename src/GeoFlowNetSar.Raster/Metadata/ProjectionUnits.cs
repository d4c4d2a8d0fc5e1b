using GeoFlowNetSar.Raster.Native;

namespace GeoFlowNetSar.Raster.Metadata;

/// <summary>Asks OGR, rather than parsing WKT by hand, whether a CRS is projected with metre axes.</summary>
internal static class ProjectionUnits
{
    public static bool IsProjectedInMetres(string wkt)
    {
        if (string.IsNullOrWhiteSpace(wkt)) return false;
        GdalRuntime.EnsureInitialized();
        nint srs = OsrNative.OSRNewSpatialReference(wkt);
        if (srs == 0) return false;
        try
        {
            // Feet or degrees would turn the geotransform into a wrong spacing in metres; refuse rather than guess.
            return OsrNative.OSRIsProjected(srs) != 0
                && Math.Abs(OsrNative.OSRGetLinearUnits(srs, out _) - 1.0) < 1e-9;
        }
        finally
        {
            OsrNative.OSRRelease(srs);
        }
    }
}
