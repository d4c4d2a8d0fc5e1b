using GeoFlowNetSar.TorchSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Tests;

/// <summary>The shared Torch utilities: the one device choice and the kept-alive Scalar helpers.</summary>
public class TorchSupportTests
{
    static TorchSupportTests() => TorchRuntime.Configure(1);

    [Theory]
    [InlineData("cpu")]
    [InlineData(" CPU ")]
    public void CpuIsAlwaysAvailable(string requested) =>
        Assert.Equal(DeviceType.CPU, TorchRuntime.SelectDevice(requested).type);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("auto")]
    [InlineData("AUTO")]
    public void AutoTakesCudaOnlyWhenAvailable(string? requested) =>
        Assert.Equal(cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU, TorchRuntime.SelectDevice(requested).type);

    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:0")]
    [InlineData("CUDA:1")]
    public void ExplicitCudaIsNeverDowngraded(string requested)
    {
        if (cuda.is_available())
        {
            Assert.Equal(DeviceType.CUDA, TorchRuntime.SelectDevice(requested).type);
            return;
        }
        var error = Assert.Throws<InvalidOperationException>(() => TorchRuntime.SelectDevice(requested));
        Assert.Contains("no CUDA device", error.Message);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:x")]
    [InlineData("cpu:0")]
    public void UnknownDevicesAreRejected(string requested) =>
        Assert.Throws<ArgumentException>(() => TorchRuntime.SelectDevice(requested));

    [Fact]
    public void ScalarHelpersComputeWhatTheOperatorsWould()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new[] { 1f, -2f, 3.5f });
        var b = tensor(new[] { 0.5f, 4f, -1f });
        using var two = 2.0.ToScalar();
        Assert.Equal(new[] { 1.5f, 2f, 2.5f }, TorchScalars.Add(a, b).data<float>().ToArray());
        Assert.Equal(new[] { 3f, 0f, 5.5f }, TorchScalars.Add(a, two).data<float>().ToArray());
        Assert.Equal(new[] { 1f, 4f, -1.5f }, TorchScalars.Subtract(two, a).data<float>().ToArray());
        Assert.Equal(new[] { 1f, 4f, 12.25f }, TorchScalars.Square(a).data<float>().ToArray());
        Assert.Equal(new long[] { 0, 1, 2, 3 }, TorchScalars.Arange(4, ScalarType.Int64).data<long>().ToArray());
        var range = TorchScalars.Arange(3, ScalarType.Float32);
        Assert.Equal(ScalarType.Float32, range.dtype);
        Assert.Equal(new[] { 0f, 1f, 2f }, range.data<float>().ToArray());
        var filled = TorchScalars.Full(2, 0.25, ScalarType.Float32);
        Assert.Equal(new[] { 0.25f, 0.25f }, filled.data<float>().ToArray());
        Assert.True(float.IsNaN(full_like(a, TorchScalars.NaN).data<float>()[0]));
    }
}
