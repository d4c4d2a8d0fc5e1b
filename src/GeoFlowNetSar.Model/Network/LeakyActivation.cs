using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Model.Network;

/// <summary>
/// LeakyReLU(0.1) with a Scalar that lives as long as the process. TorchSharp 0.107's LeakyReLU module converts the
/// slope to a temporary Scalar on every call and nothing keeps it alive during the native call: when a garbage
/// collection (e.g. caused by the sample producer threads) finalizes it mid-call, libtorch reads a freed Scalar
/// ("Expected false to be true … toFloat at c10/core/Scalar.h", seen here about once per 2 000 training steps).
/// Same class of bug as dotnet/TorchSharp PRs #1434 / #1496.
/// </summary>
internal static class LeakyActivation
{
    private static readonly Scalar Slope = UNetArchitecture.LeakySlope.ToScalar();

    public static Tensor Apply(Tensor input) => input.leaky_relu(Slope);
}
