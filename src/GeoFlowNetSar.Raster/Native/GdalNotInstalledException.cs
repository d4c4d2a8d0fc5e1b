namespace GeoFlowNetSar.Raster.Native;

/// <summary>GDAL's shared library could not be loaded; the message says what to install.</summary>
public sealed class GdalNotInstalledException : DllNotFoundException
{
    public GdalNotInstalledException(IReadOnlyList<string> triedNames)
        : base(
            $"GDAL is not installed or cannot be loaded (tried {string.Join(", ", triedNames)}). " +
            "Install it with: sudo apt-get install libgdal32 gdal-bin " +
            $"(or set {GdalLibrary.OverrideVariable} to the full path of a libgdal shared library).")
    {
        TriedNames = triedNames;
    }

    public IReadOnlyList<string> TriedNames { get; }
}
