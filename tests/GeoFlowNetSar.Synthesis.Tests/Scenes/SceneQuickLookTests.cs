using GeoFlowNetSar.Synthesis.Scenes;

namespace GeoFlowNetSar.Synthesis.Tests.Scenes;

public class SceneQuickLookTests
{
    [Fact]
    public void BigScenesAreBlockAveraged_FromBandsInAnyOrder()
    {
        var q = new SceneQuickLook(300, 100, maxSide: 100);
        Assert.Equal(3, q.Factor);
        Assert.Equal((100, 34), (q.Width, q.Height));
        // dx = column index, dy = −row index, amplitude 1 (PRE) and 2 (POST), added as two bands in reverse order.
        foreach (var (row0, rows) in new[] { (50, 50), (0, 50) })
        {
            var pre = Enumerable.Repeat(1f, rows * 300).ToArray();
            var post = Enumerable.Repeat(2f, rows * 300).ToArray();
            var dx = new float[rows * 300];
            var dy = new float[rows * 300];
            for (int r = 0; r < rows; r++)
                for (int x = 0; x < 300; x++)
                {
                    dx[r * 300 + x] = x / 300f;
                    dy[r * 300 + x] = -(row0 + r) / 100f;
                }
            q.Add(new SceneBand(row0, rows, 300, pre, post, dx, dy));
        }
        Assert.Equal(299 / 300.0, q.MaxAbsDx, 6);
        Assert.Equal(0.99, q.MaxAbsDy, 6);
        var panels = q.Render();
        Assert.Equal(100 * 34 * 4, panels.Dx.Length);
        // Column 0 of dx averages x = 0, 1, 2 → ≈ 0: near white; the last column is strongly red.
        var (r0, g0, b0) = (panels.Dx[0], panels.Dx[1], panels.Dx[2]);
        Assert.True(r0 > 230 && g0 > 230 && b0 > 230, $"({r0}, {g0}, {b0})");
        int last = 4 * 99;
        Assert.True(panels.Dx[last] > panels.Dx[last + 2] + 50, "positive dx must be red");
        // Bottom rows of dy are negative: blue.
        int bottom = 4 * (33 * 100);
        Assert.True(panels.Dy[bottom + 2] > panels.Dy[bottom] + 50, "negative dy must be blue");
    }

    [Fact]
    public void DivergingColours_AreSymmetricAroundWhite()
    {
        Assert.Equal(((byte)0xF7, (byte)0xF7, (byte)0xF7), SceneQuickLook.DivergingColour(0, 1));
        Assert.Equal(((byte)0x05, (byte)0x30, (byte)0x61), SceneQuickLook.DivergingColour(-1, 1));
        Assert.Equal(((byte)0x67, (byte)0x00, (byte)0x1F), SceneQuickLook.DivergingColour(5, 1));
        Assert.Equal(((byte)0, (byte)0, (byte)0), SceneQuickLook.DivergingColour(double.NaN, 1));
    }
}
