namespace GeoFlowNetSar.Cli.Terminal;

/// <summary>Process exit codes: 0 only on success.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Command-line syntax errors (System.CommandLine's own code).</summary>
    public const int Usage = 1;

    /// <summary>Bad input or output: missing or unreadable file, size mismatch, impossible settings.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted by the user.</summary>
    public const int Cancelled = 130;

    /// <summary>A bug or an environment failure we did not anticipate.</summary>
    public const int InternalError = 70;
}
