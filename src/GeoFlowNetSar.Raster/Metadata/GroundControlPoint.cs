namespace GeoFlowNetSar.Raster.Metadata;

/// <summary>A GDAL GCP: pixel/line in the raster tied to X/Y/Z in the GCP projection (lon/lat/height for Sentinel-1).</summary>
public sealed record GroundControlPoint(string Id, string Info, double Pixel, double Line, double X, double Y, double Z);
