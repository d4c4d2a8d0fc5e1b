using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Raster.Native;

namespace GeoFlowNetSar.Raster.Writing;

/// <summary>
/// Writes small in-memory rasters (synthetic pre/post/truth images, examples, test fixtures) as tiled Float32 GeoTIFFs,
/// atomically (temporary file + rename), with the same layout as the displacement sink.
/// </summary>
public static class GeoTiffWriter
{
    /// <param name="bands">One row-major array of width×height values per band.</param>
    /// <param name="georeference">Georeferencing to copy (same size as the raster), or null for none.</param>
    /// <param name="descriptions">Band descriptions, or null.</param>
    /// <param name="noData">Nodata value declared on every band (e.g. NaN), or null for none.</param>
    public static void WriteFloat32(
        string path, int width, int height, IReadOnlyList<float[]> bands,
        RasterInfo? georeference = null, IReadOnlyList<string>? descriptions = null, double? noData = null)
    {
        foreach (var band in bands)
        {
            if (band.Length != (long)width * height)
                throw new ArgumentException($"Each band of a {width}x{height} raster needs {(long)width * height} values, got {band.Length}.", nameof(bands));
        }
        Write(path, width, height, bands, RasterDataType.Float32, RasterDataType.Float32, georeference, descriptions, noData);
    }

    public static void WriteFloat32(
        string path, IReadOnlyList<FloatImage> bands,
        RasterInfo? georeference = null, IReadOnlyList<string>? descriptions = null, double? noData = null)
    {
        if (bands.Count == 0) throw new ArgumentException("At least one band is needed.", nameof(bands));
        if (bands.Any(b => b.Width != bands[0].Width || b.Height != bands[0].Height))
            throw new ArgumentException("All bands must have the same size.", nameof(bands));
        WriteFloat32(path, bands[0].Width, bands[0].Height, bands.Select(b => b.Pixels).ToList(), georeference, descriptions, noData);
    }

    /// <summary>
    /// A one-band complex raster stored as <paramref name="storedType"/> (CInt16, CInt32, CFloat32, CFloat64), from
    /// interleaved (re, im) pairs; GDAL converts (and rounds for integer types). For tests of the |z| path.
    /// </summary>
    internal static void WriteComplex(string path, int width, int height, RasterDataType storedType, float[] interleaved, double? noData = null)
    {
        if (!storedType.IsComplex()) throw new ArgumentException($"{storedType} is not complex.", nameof(storedType));
        if (interleaved.Length != 2L * width * height)
            throw new ArgumentException($"A {width}x{height} complex raster needs {2L * width * height} floats.", nameof(interleaved));
        Write(path, width, height, [interleaved], storedType, RasterDataType.CFloat32, null, null, noData);
    }

    private static void Write(
        string path, int width, int height, IReadOnlyList<float[]> bands, RasterDataType storedType, RasterDataType bufferType,
        RasterInfo? georeference, IReadOnlyList<string>? descriptions, double? noData)
    {
        if (bands.Count == 0) throw new ArgumentException("At least one band is needed.", nameof(bands));
        string temporary = AtomicOutput.PrepareTemporaryPath(path);
        try
        {
            using (var dataset = GeoTiffCreation.Create(temporary, path, width, height, bands.Count, storedType))
            {
                if (descriptions is not null) GeoTiffCreation.DescribeBands(dataset, descriptions);
                if (noData is { } value) GeoTiffCreation.SetNoData(dataset, value);
                if (georeference is not null) GeoTiffCreation.CopyGeoreferencing(dataset, georeference);
                for (int b = 0; b < bands.Count; b++)
                    GeoTiffCreation.WriteRows<float>(dataset, b + 1, 0, height, bands[b], bufferType);
                string? failure = dataset.CloseAndDescribeFailure();
                if (failure is not null)
                    throw new RasterOutputException(path, $"GDAL failed to finish '{path}': {failure}");
            }
            AtomicOutput.Commit(temporary, path);
        }
        catch
        {
            AtomicOutput.Discard(temporary);
            throw;
        }
    }
}
