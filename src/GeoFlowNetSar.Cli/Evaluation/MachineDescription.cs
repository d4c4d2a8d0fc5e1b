using System.Reflection;
using System.Runtime.InteropServices;

namespace GeoFlowNetSar.Cli.Evaluation;

/// <summary>What the timings were taken on: OS, cores, .NET, and this build's version (with its commit when the SDK recorded it).</summary>
public sealed record MachineDescription(string OperatingSystem, int Cores, string Runtime, string Build)
{
    public static MachineDescription Current() => new(
        RuntimeInformation.OSDescription,
        Environment.ProcessorCount,
        RuntimeInformation.FrameworkDescription,
        typeof(MachineDescription).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");

    public override string ToString() => $"{OperatingSystem}, {Cores} cores, {Runtime}, geoflownet {Build}";
}
