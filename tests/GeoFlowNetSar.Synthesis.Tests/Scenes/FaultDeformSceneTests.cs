using System.Runtime.InteropServices;
using GeoFlowNetSar.Synthesis.Scenes;
using GeoFlowNetSar.Synthesis.Simulation;
using GeoFlowNetSar.Synthesis.Speckle;

namespace GeoFlowNetSar.Synthesis.Tests.Scenes;

public class FaultDeformSceneTests
{
    private static bool SameBytes(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        MemoryMarshal.AsBytes(a).SequenceEqual(MemoryMarshal.AsBytes(b));

    /// <summary>Seeds whose scenes have off-fault deformation and change patches, with and without a surface rupture.</summary>
    [Theory]
    [InlineData(2L, false, true)]
    [InlineData(21L, true, true)]
    [InlineData(8L, false, false)]
    public void BandsAreSeamless_BitIdenticalToTheWholeScene(long seed, bool oversampled, bool rupture)
    {
        var options = new FaultDeformOptions { ZeroDeformationFraction = 0, Detection = oversampled ? DetectionMode.Oversampled2x : DetectionMode.Native };
        var scene = FaultDeformScene.Plan(300, 260, seed, options);
        Assert.False(scene.ZeroDeformation);
        Assert.Equal(rupture ? "true" : "false", scene.Parameters["fault_surface_rupture"]);
        Assert.NotEqual("0", scene.Parameters["distributed_deformation"]);
        Assert.NotEqual("0", scene.Parameters["changed_patches"]);
        var whole = scene.RenderAll();
        int rows = 0;
        foreach (var (row0, count) in scene.Bands(64))
        {
            var band = scene.Render(row0, count);
            int o = row0 * scene.Width, n = count * scene.Width;
            Assert.True(SameBytes(whole.Pre.AsSpan(o, n), band.Pre), $"PRE differs in band {row0}");
            Assert.True(SameBytes(whole.Post.AsSpan(o, n), band.Post), $"POST differs in band {row0}");
            Assert.True(SameBytes(whole.Dx.AsSpan(o, n), band.Dx), $"dx differs in band {row0}");
            Assert.True(SameBytes(whole.Dy.AsSpan(o, n), band.Dy), $"dy differs in band {row0}");
            rows += count;
        }
        Assert.Equal(260, rows);
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(8L)]
    [InlineData(21L)]
    public void ASquareSceneIsTheSimulatorsSample(long seed)
    {
        var options = FaultDeformOptions.Training;
        var sample = new FaultDeformSimulator(options).Generate(160, seed);
        var scene = FaultDeformScene.Plan(160, 160, seed, options);
        var band = scene.RenderAll();
        Assert.True(SameBytes(sample.Pre, band.Pre), "PRE differs");
        Assert.True(SameBytes(sample.Post, band.Post), "POST differs");
        Assert.True(SameBytes(sample.Dx, band.Dx), "dx differs");
        Assert.True(SameBytes(sample.Dy, band.Dy), "dy differs");
        var expected = sample.Parameters.Where(p => p.Key != "size");
        var actual = scene.Parameters.Where(p => p.Key is not ("width" or "height"));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void MaxDisplacementIsTheRequestedOne()
    {
        var scene = FaultDeformScene.Plan(200, 120, 5, new FaultDeformOptions { ZeroDeformationFraction = 0, MaxDisplacement = (1.5, 1.5) });
        var band = scene.RenderAll();
        float max = 0;
        for (int i = 0; i < band.Dx.Length; i++) max = Math.Max(max, Math.Max(Math.Abs(band.Dx[i]), Math.Abs(band.Dy[i])));
        Assert.Equal(1.5, max, 5);
        Assert.Equal(1.5, scene.MaxDisplacement);
    }

    [Fact]
    public void PlanIsTheSameWhateverTheParallelism()
    {
        var options = new FaultDeformOptions { ZeroDeformationFraction = 0 };
        var a = FaultDeformScene.Plan(200, 700, 8, options, parallelism: 1);
        var b = FaultDeformScene.Plan(200, 700, 8, options, parallelism: 3);
        Assert.Equal(a.Parameters, b.Parameters);
        Assert.True(SameBytes(a.Render(300, 40).Post, b.Render(300, 40).Post));
    }
}
