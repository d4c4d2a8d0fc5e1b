using System.Text.RegularExpressions;
using GeoFlowNetSar.Raster.Native;

namespace GeoFlowNetSar.Raster.Reading;

/// <summary>Opens what the user named (file, SAFE folder, GDAL subdataset string) and turns GDAL's vague failures into clear ones.</summary>
internal static partial class DatasetOpener
{
    public static GdalDataset Open(string path, string? subdataset, bool requireBands)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        // GDAL's own message for a missing file ("No such file or directory" or "not recognized as a supported file
        // format") depends on the driver probing order; say it plainly instead.
        if (!File.Exists(path) && !Directory.Exists(path) && !IsGdalConnectionString(path))
            throw new RasterInputException(path, $"'{path}' does not exist (no such file or directory).");

        var dataset = GdalDataset.OpenRead(path);
        try
        {
            var subdatasets = dataset.Subdatasets();
            string? chosen = null;
            if (subdataset is not null)
            {
                if (subdatasets.Count == 0)
                    throw new RasterInputException(path, $"'{path}' has no subdatasets, so subdataset '{subdataset}' cannot be chosen.");
                chosen = SubdatasetSelector.Choose(path, subdatasets, subdataset).Name;
            }
            else if (dataset.BandCount == 0 && subdatasets.Count > 0 && dataset.DriverShortName == "SAFE")
            {
                chosen = SubdatasetSelector.DefaultForSafe(subdatasets).Name;
            }

            if (chosen is not null)
            {
                dataset.Dispose();
                dataset = GdalDataset.OpenRead(chosen);
                subdatasets = [];
            }

            if (dataset.BandCount == 0)
            {
                if (!requireBands) return dataset;
                throw subdatasets.Count > 0
                    ? new RasterInputException(dataset.Name,
                        $"'{dataset.Name}' has no raster bands of its own but {subdatasets.Count} subdatasets; " +
                        $"open one of them by name (or pass a distinctive part of it as the subdataset).{SubdatasetSelector.Listing(subdatasets)}")
                    : new RasterInputException(dataset.Name, $"'{dataset.Name}' has no raster bands.");
            }

            RasterSize.Validate(dataset.Name, dataset.Width, dataset.Height);
            return dataset;
        }
        catch
        {
            dataset.Dispose();
            throw;
        }
    }

    /// <summary>GDAL syntaxes that are not plain paths: virtual file systems and DRIVER:... subdataset names.</summary>
    internal static bool IsGdalConnectionString(string path) =>
        path.StartsWith("/vsi", StringComparison.Ordinal) || DriverPrefix().IsMatch(path);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*:")]
    private static partial Regex DriverPrefix();
}
