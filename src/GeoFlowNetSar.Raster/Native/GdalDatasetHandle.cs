using Microsoft.Win32.SafeHandles;

namespace GeoFlowNetSar.Raster.Native;

/// <summary>
/// Owns a GDALDatasetH. Closing is what flushes a written dataset to disk, so writers close explicitly (and check
/// the error capture) before renaming; the finalizer path only prevents leaks of abandoned readers.
/// </summary>
internal sealed class GdalDatasetHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public GdalDatasetHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        GdalNative.GDALClose(handle);
        return true;
    }
}
