namespace GeoFlowNetSar.Raster.Metadata;

/// <summary>GDALDataType, with GDAL's numeric values (the binding passes it straight through).</summary>
public enum RasterDataType
{
    Unknown = 0,
    Byte = 1,
    UInt16 = 2,
    Int16 = 3,
    UInt32 = 4,
    Int32 = 5,
    Float32 = 6,
    Float64 = 7,
    CInt16 = 8,
    CInt32 = 9,
    CFloat32 = 10,
    CFloat64 = 11,
    UInt64 = 12,
    Int64 = 13,
    Int8 = 14,
}

public static class RasterDataTypeExtensions
{
    /// <summary>Complex samples (SLC) are read as |z|.</summary>
    public static bool IsComplex(this RasterDataType type) =>
        type is RasterDataType.CInt16 or RasterDataType.CInt32 or RasterDataType.CFloat32 or RasterDataType.CFloat64;
}
