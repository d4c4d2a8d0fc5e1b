namespace GeoFlowNetSar.Raster.Metadata;

/// <summary>One band (1-based <paramref name="Number"/>); <paramref name="NoData"/> is null when none is declared.</summary>
public sealed record RasterBandInfo(
    int Number, RasterDataType DataType, double? NoData, string Description, int BlockWidth, int BlockHeight);
