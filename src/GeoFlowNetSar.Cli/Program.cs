using System.CommandLine;
using GeoFlowNetSar.Cli.Commands;

namespace GeoFlowNetSar.Cli;

public static class Program
{
    public static int Main(string[] args) => BuildRoot().Parse(args).Invoke();

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
        return root;
    }
}
