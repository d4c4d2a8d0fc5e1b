namespace GeoFlowNetSar.Raster.Tests.Support;

/// <summary>
/// The real SAR fixtures in shared/data (beside the repository clone, not inside it). Found through
/// GEOFLOWNET_SHARED_DATA or by walking up from the test binaries to a folder that contains shared/data.
/// </summary>
internal static class SharedData
{
    public const string EnvironmentVariable = "GEOFLOWNET_SHARED_DATA";

    private static readonly Lazy<string> Root = new(Locate);

    public static string Directory => Root.Value;

    public static string PyroSarDb => File("s1-grd-vv-db-pyrosar.tif");

    public static string BigEarthNetDb => File("s1-grd-vv-db-bigearthnet.tif");

    public static string Uavsar129 => File("uavsar-slc-sanand-129.h5");

    public static string Uavsar138 => File("uavsar-slc-sanand-138.h5");

    public const string SafeName = "S1A_IW_SLC__1SDV_20220104T170557_20220104T170624_041314_04E951_F1F1.SAFE";

    public const string MeasurementName = "s1a-iw1-slc-vv-20220104t170558-20220104t170623-041314-04e951-004";

    public static string SafeFolder => File(Path.Combine("sentinel1-iw-slc-safe", SafeName));

    public static string SafeManifest => Path.Combine(SafeFolder, "manifest.safe");

    public static string SafeMeasurement => Path.Combine(SafeFolder, "measurement", MeasurementName + ".tiff");

    public static string SafeAnnotationXml => Path.Combine(SafeFolder, "annotation", MeasurementName + ".xml");

    public static string Hdf5Subdataset(string h5Path, string dataset = "//science/LSAR/SLC/swaths/frequencyA/HH") =>
        $"HDF5:\"{h5Path}\":{dataset}";

    private static string File(string relative) => Path.Combine(Directory, relative);

    private static string Locate()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            if (System.IO.Directory.Exists(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
            throw new DirectoryNotFoundException($"{EnvironmentVariable}={fromEnvironment} is not a folder.");
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException(
            $"Cannot find shared/data above {AppContext.BaseDirectory}; clone the repository next to shared/ or set {EnvironmentVariable}.");
    }
}
