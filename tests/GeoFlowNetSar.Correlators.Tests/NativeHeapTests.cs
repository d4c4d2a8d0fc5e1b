using GeoFlowNetSar.TorchSupport;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Tests;

public class NativeHeapTests
{
    static NativeHeapTests() => TorchRuntime.Configure(1);

    // A tile-like pattern on one thread (one malloc arena, whose heaps hold 64 MB each): a 36 MB tensor (over any mmap
    // threshold glibc allows) and three 4 MB ones written, then all freed, ten times. With glibc's defaults every
    // round maps and faults at least the 36 MB block in again (9,216 of its 12,288 pages); with the tuned heap only
    // the first rounds fault, while the thread's arena lays out its heaps (three rounds here; four are let go).
    [Fact]
    public void FreedTensorMemoryIsReusedWithoutPageFaults()
    {
        Assert.True(NativeHeap.KeepFreedMemory(), "glibc's mallopt should accept the settings on Linux.");
        const int rounds = 12, warmUp = 4;
        long[] sizes = [9 << 20, 1 << 20, 1 << 20, 1 << 20]; // floats
        long faults = 0;
        var worker = new Thread(() =>
        {
            long before = 0;
            for (int r = 0; r < rounds; r++)
            {
                if (r == warmUp) before = MinorFaults();
                using var scope = NewDisposeScope();
                foreach (long size in sizes) ones(size, dtype: TorchSharp.torch.ScalarType.Float32);
            }
            faults = MinorFaults() - before;
        });
        worker.Start();
        worker.Join();
        long pagesPerRound = sizes.Sum() * sizeof(float) / Environment.SystemPageSize;
        Assert.True(faults < pagesPerRound / 4, $"{faults} minor page faults in {rounds - warmUp} rounds (one round writes {pagesPerRound} pages).");
    }

    // Field 10 of /proc/self/stat: the process's minor faults (fields counted after the parenthesised command name).
    private static long MinorFaults()
    {
        string stat = File.ReadAllText("/proc/self/stat");
        return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[7]);
    }
}
