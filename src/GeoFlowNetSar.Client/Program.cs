using System.CommandLine;
using GeoFlowNetSar.Client;

var connection = new ConnectionOptions();
var root = new RootCommand("geoflownet-client: submit scenes to a GeoFlowNet-SAR cluster and follow them.");
foreach (var option in connection.All) root.Options.Add(option);
root.Subcommands.Add(Commands.Submit(connection));
root.Subcommands.Add(Commands.Status(connection));
root.Subcommands.Add(Commands.List(connection));
root.Subcommands.Add(Commands.Download(connection));
root.Subcommands.Add(Commands.Cancel(connection));
return await root.Parse(args).InvokeAsync();
