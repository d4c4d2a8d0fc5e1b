namespace GeoFlowNetSar.Raster.Native;

/// <summary>
/// One-time process set-up of GDAL. Every public entry point of this assembly calls <see cref="EnsureInitialized"/>,
/// so callers never have to; it is public for hosts that want to fail fast at start-up.
/// </summary>
public static class GdalRuntime
{
    /// <summary>Block cache bound used when the user has not set GDAL_CACHEMAX (GDAL's default is 5 % of RAM).</summary>
    public const int DefaultCacheMaxMegabytes = 256;

    private static readonly Lock Gate = new();
    private static volatile bool _initialized;
    private static string _version = string.Empty;

    /// <summary>GDAL's release name, e.g. "3.6.2".</summary>
    public static string Version
    {
        get
        {
            EnsureInitialized();
            return _version;
        }
    }

    /// <summary>The block cache size GDAL will use, in bytes.</summary>
    public static long CacheMaxBytes
    {
        get
        {
            EnsureInitialized();
            return GdalNative.GDALGetCacheMax64();
        }
    }

    /// <exception cref="GdalNotInstalledException">libgdal cannot be loaded.</exception>
    public static void EnsureInitialized()
    {
        if (_initialized) return;
        lock (Gate)
        {
            if (_initialized) return;
            GdalLibrary.EnsureLoaded();
            // Before anything else so that even driver registration stays off stderr.
            GdalNative.CPLSetErrorHandler(GdalErrorCapture.HandlerPointer);
            // Several workers may each hold datasets; GDAL's default (5 % of RAM, per process) is fine on a laptop
            // but surprising in a container with a memory limit. CPLGetConfigOption also sees the environment.
            if (GdalNative.CPLGetConfigOption("GDAL_CACHEMAX", null) == 0)
                GdalNative.CPLSetConfigOption("GDAL_CACHEMAX", DefaultCacheMaxMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // GDAL's persistent auxiliary metadata writes NAME.aux.xml beside a raster (statistics, some metadata
            // edits): never next to a user's inputs. Our outputs carry everything in the GeoTIFF itself.
            if (GdalNative.CPLGetConfigOption("GDAL_PAM_ENABLED", null) == 0)
                GdalNative.CPLSetConfigOption("GDAL_PAM_ENABLED", "NO");
            GdalNative.GDALAllRegister();
            _version = NativeStrings.CopyOrEmpty(GdalNative.GDALVersionInfo("RELEASE_NAME"));
            _initialized = true;
        }
    }
}
