namespace GeoFlowNetSar.Raster.Metadata;

/// <summary>One entry of GDAL's SUBDATASETS domain: the name to open and its human description.</summary>
public sealed record SubdatasetInfo(string Name, string Description);
