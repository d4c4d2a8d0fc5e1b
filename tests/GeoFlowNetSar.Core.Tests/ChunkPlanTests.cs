using GeoFlowNetSar.Core.Rasters;
using GeoFlowNetSar.Core.Tiling;

namespace GeoFlowNetSar.Core.Tests;

public class ChunkPlanTests
{
    [Theory]
    [InlineData(EstimateFootprint.DenseWindow, 1000, 700, 256, 128, 300)]
    [InlineData(EstimateFootprint.CentreInterpolated, 1000, 700, 64, 16, 128)]
    [InlineData(EstimateFootprint.CentreInterpolated, 333, 257, 32, 7, 100)]
    public void EveryWindowBelongsToExactlyOneChunkAndFitsItsInputAndOutput(
        EstimateFootprint footprint, int width, int height, int window, int step, int chunkSize)
    {
        var grid = new WindowGrid(width, height, window, step);
        var plan = new ChunkPlan(grid, footprint, chunkSize);
        var owner = new int[grid.Columns.Count, grid.Rows.Count];
        foreach (var chunk in plan.Chunks)
            for (int r = 0; r < chunk.WindowRowCount; r++)
                for (int c = 0; c < chunk.WindowColumnCount; c++)
                {
                    int column = chunk.FirstWindowColumn + c, row = chunk.FirstWindowRow + r;
                    owner[column, row]++;
                    var rect = grid.WindowRect(column, row);
                    Assert.True(chunk.Core.Contains(new PixelRect(rect.X, rect.Y, 1, 1)));
                    Assert.True(chunk.Input.Contains(rect));
                    var reach = footprint == EstimateFootprint.DenseWindow ? rect : grid.InterpolationSupport(column, row);
                    Assert.True(chunk.Output.Contains(reach));
                }
        Assert.All(owner.Cast<int>(), n => Assert.Equal(1, n));
    }

    [Fact]
    public void RowsAboveTheNextChunkRowsOutputAreFinal()
    {
        var plan = new ChunkPlan(new WindowGrid(1000, 1000, 256, 128), EstimateFootprint.DenseWindow, 512);
        Assert.Equal(512, plan.FirstRowTouchedAfter(0));
        Assert.Equal(1000, plan.FirstRowTouchedAfter(1));
    }
}
