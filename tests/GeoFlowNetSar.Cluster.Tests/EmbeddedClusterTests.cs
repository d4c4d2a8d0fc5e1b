using GeoFlowNetSar.Core.Metrics;
using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Estimators;
using GeoFlowNetSar.Grains.Contracts;
using GeoFlowNetSar.Grains.Embedded;
using GeoFlowNetSar.Pipeline.Scenes;
using GeoFlowNetSar.Pipeline.Stitching;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Raster.Writing;

namespace GeoFlowNetSar.Cluster.Tests;

public sealed class EmbeddedClusterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("geoflownet-embedded-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_embedded_cluster_writes_the_embedded_pipelines_mosaic_and_its_extras()
    {
        var (pre, post) = SceneInputs.Speckle(192, 160, seed: 13);
        string prePath = Path.Combine(_folder, "pre.tif"), postPath = Path.Combine(_folder, "post.tif"), output = Path.Combine(_folder, "out", "d.tif");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        GeoTiffWriter.WriteFloat32(prePath, [pre]);
        GeoTiffWriter.WriteFloat32(postPath, [post]);
        var seen = new List<SceneState>();

        var status = await EmbeddedCluster.RunAsync(
            new EmbeddedRunRequest { Pre = prePath, Post = postPath, Output = output, Window = 64, Step = 16, ChunkSize = 64, Threads = 1 },
            new SynchronousProgress(s => seen.Add(s.State)));

        Assert.True(status.State == SceneState.Done, status.Reason);
        Assert.Contains(SceneState.Done, seen);
        using var estimator = EstimatorCatalog.Default.Create("frequency", new EstimatorSettings(64, 16, Threads: 1));
        var expected = new InMemoryDisplacementSink(192, 160, DisplacementBands.Names(false));
        ScenePipeline.Run(new InMemoryAmplitudeSource(pre), new InMemoryAmplitudeSource(post), estimator, expected,
            new SceneOptions(new MosaicOptions(), ChunkSize: 64));
        using var dx = GdalAmplitudeSource.Open(output, new AmplitudeReadOptions { Band = 1 });
        Assert.True(DisplacementMetrics.MaxAbsDifference(dx.ReadImage().Pixels, expected.Band("dx").Pixels) <= 1e-6);
        Assert.True(File.Exists(Path.Combine(_folder, "out", "d.report.json")));
        Assert.True(File.Exists(Path.Combine(_folder, "out", "d.quicklook.png")));
    }

    [Fact]
    public async Task A_missing_input_file_fails_with_its_path()
    {
        var status = await EmbeddedCluster.RunAsync(new EmbeddedRunRequest
        {
            Pre = Path.Combine(_folder, "nope.tif"), Post = Path.Combine(_folder, "nope.tif"), Output = Path.Combine(_folder, "x.tif"),
        });
        Assert.Equal(SceneState.Failed, status.State);
        Assert.Contains("nope.tif", status.Reason);
        Assert.False(File.Exists(Path.Combine(_folder, "x.tif")));
    }

    private sealed class SynchronousProgress(Action<SceneStatus> report) : IProgress<SceneStatus>
    {
        public void Report(SceneStatus value) => report(value);
    }
}
