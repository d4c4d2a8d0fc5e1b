using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Model.Weights;
using GeoFlowNetSar.Pipeline.Scenes;
using GeoFlowNetSar.Raster;
using GeoFlowNetSar.Raster.Native;
using Spectre.Console;

namespace GeoFlowNetSar.Cli.Terminal;

/// <summary>
/// Runs a command body and turns failures into one clear line on stderr and a non-zero exit code. User errors
/// (files, sizes, settings) get their message as is; anything else is reported as an internal error.
/// </summary>
public static class CommandRunner
{
    public static int Run(Func<CancellationToken, int> body, CancellationToken cancellationToken)
    {
        try
        {
            return body(cancellationToken);
        }
        catch (Exception error) when (IsUserError(error))
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled: no output was written.");
            return ExitCodes.Cancelled;
        }
        catch (Exception error)
        {
            Console.Error.WriteLine($"internal error: {error.GetType().Name}: {error.Message}");
            if (Environment.GetEnvironmentVariable("GEOFLOWNET_DEBUG") == "1") Console.Error.WriteLine(error);
            return ExitCodes.InternalError;
        }
    }

    public static void Warn(string message) =>
        AnsiConsole.MarkupLineInterpolated($"[yellow]warning:[/] {message}");

    private static bool IsUserError(Exception error) =>
        error is RasterInputException or RasterOutputException or SceneInputException or CliInputException
            or GdalNotInstalledException or EstimatorUnavailableException or ModelWeightsException;
}

/// <summary>A user error detected by the CLI itself; the message is shown as is.</summary>
public sealed class CliInputException(string message) : Exception(message);
