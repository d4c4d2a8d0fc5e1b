using System.Reflection;
using System.Runtime.InteropServices;

namespace GeoFlowNetSar.Raster.Native;

/// <summary>
/// Finds the native GDAL library. The P/Invoke declarations use the logical name "gdal" so that the binding does
/// not hard-code one distribution's soname; this resolver maps it to Debian 12's libgdal.so.32 first (the runtime
/// package ships only the versioned name; the unversioned libgdal.so comes with libgdal-dev).
/// </summary>
internal static class GdalLibrary
{
    public const string LogicalName = "gdal";

    /// <summary>Lets a user point at another build of GDAL without recompiling.</summary>
    public const string OverrideVariable = "GEOFLOWNET_GDAL_LIBRARY";

    public static readonly IReadOnlyList<string> DefaultCandidates = ["libgdal.so.32", "libgdal.so"];

    private static readonly Lock Gate = new();
    private static nint _handle;
    private static bool _resolverSet;

    /// <summary>Loads GDAL once and routes "gdal" imports of this assembly to it; throws a helpful error if absent.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_handle != 0) return;
            _handle = Load(Candidates());
            if (!_resolverSet)
            {
                NativeLibrary.SetDllImportResolver(typeof(GdalLibrary).Assembly, Resolve);
                _resolverSet = true;
            }
        }
    }

    /// <summary>Tries each candidate in order; separate from <see cref="EnsureLoaded"/> so tests can exercise the failure.</summary>
    internal static nint Load(IReadOnlyList<string> candidates)
    {
        foreach (string candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out nint handle))
                return handle;
        }
        throw new GdalNotInstalledException(candidates);
    }

    private static IReadOnlyList<string> Candidates()
    {
        string? overridePath = Environment.GetEnvironmentVariable(OverrideVariable);
        return string.IsNullOrWhiteSpace(overridePath) ? DefaultCandidates : [overridePath, .. DefaultCandidates];
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LogicalName) return 0;
        // Imports can be reached before EnsureLoaded only through a bug in our own call order; load lazily anyway.
        if (_handle == 0) EnsureLoaded();
        return _handle;
    }
}
