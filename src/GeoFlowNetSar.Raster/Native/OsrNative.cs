using System.Runtime.InteropServices;

namespace GeoFlowNetSar.Raster.Native;

/// <summary>The few OGR spatial-reference functions (ogr_srs_api.h) needed to tell whether a CRS is projected in metres.</summary>
internal static partial class OsrNative
{
    private const string Lib = GdalLibrary.LogicalName;

    /// <summary>Returns 0 when the WKT does not parse.</summary>
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint OSRNewSpatialReference(string wkt);

    [LibraryImport(Lib)]
    public static partial void OSRRelease(nint srs);

    [LibraryImport(Lib)]
    public static partial int OSRIsProjected(nint srs);

    /// <summary>Metres per linear unit; the unit name is owned by the SRS.</summary>
    [LibraryImport(Lib)]
    public static partial double OSRGetLinearUnits(nint srs, out nint unitName);
}
