using System.CommandLine;
using GeoFlowNetSar.Cli.Commands;

namespace GeoFlowNetSar.Cli;

public static class Program
{
    // Ctrl+C / SIGTERM cancel the command's token; a training run then finishes its step and writes its checkpoint,
    // which takes longer than System.CommandLine's default 2 s grace before it ends the process.
    private static readonly TimeSpan TerminationGrace = TimeSpan.FromMinutes(2);

    public static int Main(string[] args)
    {
        GeoFlowNetSar.TorchSupport.NativeHeap.KeepFreedMemory(); // first, before threads pick their malloc arenas
        return BuildRoot().Parse(args).Invoke(new InvocationConfiguration { ProcessTerminationTimeout = TerminationGrace });
    }

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "GeoFlowNet-SAR: dense sub-pixel ground displacement (range dx, azimuth dy, pixels) between two co-registered SAR amplitude images.");
        root.Subcommands.Add(EstimateCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(SynthCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        return root;
    }
}
