using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Pipeline.Scenes;
using GeoFlowNetSar.Pipeline.Stitching;
using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Raster.Writing;

namespace GeoFlowNetSar.Cli.Estimation;

/// <summary>
/// The embedded estimate: open PRE and POST through GDAL, run the shared pipeline chunk by chunk, stream the
/// mosaic into a GeoTIFF that only gets its final name when complete.
/// </summary>
public static class EstimateRunner
{
    public static SceneReport Run(EstimateRequest request, CancellationToken cancellationToken)
    {
        TuningOptions.CheckApplies((request.Catalog ?? EstimatorFactory.Catalog).Get(request.Method).Name, request.Tuning);
        string output = OutputPathGuard.Check(request.Output, request.Overwrite);
        var (defaultWindow, defaultStep) = EstimatorFactory.Defaults(request.Method);
        var readOptions = new AmplitudeReadOptions { Band = request.Band, InputIsDecibels = request.InputIsDecibels, NoDataAsNaN = true };
        using var pre = GdalAmplitudeSource.Open(request.Pre, readOptions);
        using var post = GdalAmplitudeSource.Open(request.Post, readOptions);
        var mosaic = new MosaicOptions(request.Uncertainty) with { StripRows = 256 };
        mosaic = ApplyUnits(mosaic, request, pre.Info);

        using var estimator = EstimatorFactory.Create(
            request.Method, request.Window ?? defaultWindow, request.Step ?? defaultStep, request.Threads, request.Device, request.Coarse,
            request.Catalog, request.Tuning, request.FlipAverage, request.Precision);
        var sceneOptions = new SceneOptions(mosaic, request.ChunkSize);
        ScenePipeline.Plan(pre, post, estimator, sceneOptions.ChunkSizeFor(pre.Width, estimator.WindowSize));

        var georeference = pre.Info.HasGeoreferencing ? pre.Info : null;
        using var sink = new GeoTiffDisplacementSink(output, pre.Width, pre.Height, mosaic.BandNames, georeference,
            new GeoTiffSinkOptions { CloudOptimized = request.CloudOptimized });
        var report = SceneProgressDisplay.Run(
            $"{request.Method} {pre.Width}x{pre.Height}",
            progress => ScenePipeline.Run(pre, post, estimator, sink, sceneOptions, progress, cancellationToken));
        return report;
    }

    private static MosaicOptions ApplyUnits(MosaicOptions mosaic, EstimateRequest request, RasterInfo info)
    {
        switch (request.Units)
        {
            case "px":
                return mosaic;
            case "m":
                var spacing = info.PixelSpacing;
                double range = request.RangeSpacing ?? (spacing.IsKnown ? spacing.X : double.NaN);
                double azimuth = request.AzimuthSpacing ?? (spacing.IsKnown ? spacing.Y : double.NaN);
                if (!(range > 0) || !(azimuth > 0))
                    throw new CliInputException(
                        $"{request.Pre}: the pixel spacing is not in the raster; give --range-spacing and --azimuth-spacing (metres) for --units m.");
                return mosaic with { ScaleDx = range, ScaleDy = azimuth };
            default:
                throw new CliInputException($"--units must be px or m (got '{request.Units}').");
        }
    }
}
