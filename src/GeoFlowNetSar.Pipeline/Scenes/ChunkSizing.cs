namespace GeoFlowNetSar.Pipeline.Scenes;

/// <summary>
/// Picks the chunk edge for a streaming run. The mosaic holds one band of accumulator rows, about
/// (chunk + window) rows × scene width × 41 bytes (five double sums and a mask byte per pixel), so the chunk
/// shrinks for wide scenes to keep that band within a memory budget. The result never depends on it.
/// </summary>
public static class ChunkSizing
{
    public const long DefaultBandBudgetBytes = 768L << 20;
    private const int BytesPerAccumulatorPixel = 41;
    private static readonly int[] Candidates = [2048, 1024, 512, 256];

    public static int ForMemoryBudget(int sceneWidth, int window, long budgetBytes = DefaultBandBudgetBytes)
    {
        foreach (int chunk in Candidates)
            if ((long)(chunk + window) * sceneWidth * BytesPerAccumulatorPixel <= budgetBytes) return chunk;
        return Math.Max(window, Candidates[^1]);
    }
}
