using System.CommandLine;
using GeoFlowNetSar.Cli.Estimation;
using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Estimators.CoarseOffset;
using Spectre.Console;

namespace GeoFlowNetSar.Cli.Commands;

/// <summary>`geoflownet estimate`: one PRE/POST pair in, one displacement GeoTIFF out.</summary>
public static class EstimateCommand
{
    public static Command Create()
    {
        var pre = new Option<string>("--pre") { Description = "PRE (before) image: any raster GDAL opens (GeoTIFF, SAFE, HDF5 subdataset, VRT…).", Required = true };
        var post = new Option<string>("--post") { Description = "POST (after) image, co-registered with PRE, same size.", Required = true };
        var output = new Option<string>("--out") { Description = "Output GeoTIFF: band 1 dx (range), band 2 dy (azimuth); NaN = no estimate.", Required = true };
        var method = new Option<string>("--method") { Description = "Estimation method.", DefaultValueFactory = _ => "frequency" };
        method.AcceptOnlyFromAmong(EstimatorFactory.Methods);
        var window = new Option<int?>("--window") { Description = "Correlation window edge in pixels (frequency default 128)." };
        var step = new Option<int?>("--step") { Description = "Grid step in pixels (frequency default 2)." };
        var units = new Option<string>("--units") { Description = "Output units: px, or m (range/azimuth pixel spacing from the raster or the options below).", DefaultValueFactory = _ => "px" };
        units.AcceptOnlyFromAmong("px", "m");
        var rangeSpacing = new Option<double?>("--range-spacing") { Description = "Range pixel spacing in metres (overrides the raster's)." };
        var azimuthSpacing = new Option<double?>("--azimuth-spacing") { Description = "Azimuth pixel spacing in metres (overrides the raster's)." };
        var uncertainty = new Option<bool>("--uncertainty") { Description = "Also write sigma_dx, sigma_dy: spread of the overlapping estimates." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing output file." };
        var cog = new Option<bool>("--cog") { Description = "Write a Cloud-Optimized GeoTIFF (with overviews)." };
        var band = new Option<int>("--band") { Description = "Band number to read from PRE and POST (1-based).", DefaultValueFactory = _ => 1 };
        var db = new Option<bool>("--db") { Description = "The inputs are backscatter in dB: converted to linear amplitude 10^(dB/20)." };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for libtorch (default: all cores)." };
        var device = new Option<string?>("--device") { Description = "cpu, cuda or auto (default auto: cuda when available)." };
        var coarse = CoarseOption.Create();
        var flipAverage = FlipAverageOption.Create();
        var precision = PrecisionOption.Create();
        var chunk = new Option<int?>("--chunk-size") { Description = "Chunk edge in pixels (default: from a 768 MB memory budget); never changes the result." };
        var tuning = new TuningOptions();

        var command = new Command("estimate", "Estimate the displacement from PRE to POST and write it as a GeoTIFF.")
        {
            pre, post, output, method, window, step, units, rangeSpacing, azimuthSpacing, uncertainty, overwrite, cog, band, db, threads, device, chunk, coarse, flipAverage, precision,
        };
        foreach (var option in tuning.All) command.Options.Add(option);
        command.SetAction((parse, cancellationToken) => Task.FromResult(CommandRunner.Run(token =>
        {
            var request = new EstimateRequest(
                parse.GetValue(pre)!, parse.GetValue(post)!, parse.GetValue(output)!, parse.GetValue(method)!,
                parse.GetValue(window), parse.GetValue(step), parse.GetValue(units)!, parse.GetValue(rangeSpacing),
                parse.GetValue(azimuthSpacing), parse.GetValue(uncertainty), parse.GetValue(overwrite), parse.GetValue(cog),
                parse.GetValue(band), parse.GetValue(db), parse.GetValue(threads), parse.GetValue(device), parse.GetValue(chunk),
                CoarseOffsetModes.Parse(parse.GetValue(coarse)) ?? CoarseOffsetMode.Auto, Tuning: tuning.Read(parse),
                FlipAverage: FlipAverageOption.IsOn(parse.GetValue(flipAverage)), Precision: parse.GetValue(precision));
            var report = EstimateRunner.Run(request, token);
            SceneSummary.Print(report, request.Output);
            return ExitCodes.Success;
        }, cancellationToken)));
        return command;
    }
}
