using System.Runtime.CompilerServices;
using TorchSharp;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace GeoFlowNetSar.Estimators.Tests;

/// <summary>The machine is shared: one libtorch thread, one test at a time.</summary>
internal static class TorchTestSetup
{
    [ModuleInitializer]
    internal static void Initialise()
    {
        torch.set_num_threads(1);
    }
}
