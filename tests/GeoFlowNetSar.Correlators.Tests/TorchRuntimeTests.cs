using System.Buffers.Binary;
using System.Text;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Correlators.Tests;

/// <summary>
/// Guards the Directory.Build.targets patch that lets TorchSharp's native library load with Debian 12's libstdc++
/// (GCC 12): without it TorchSharp falls back to copying libtorch into a cpu/ folder and fails with a misleading error.
/// </summary>
public class TorchRuntimeTests
{
    private const string NativeLibraryName = "libLibTorchSharp.so";
    private const string Gcc13MarkerVersion = "GLIBCXX_3.4.32";

    [Fact]
    public void Fft2OfDeltaIsAllOnes()
    {
        using var delta = zeros(4, 4, dtype: float64);
        delta[0, 0] = tensor(1.0);

        using var spectrum = fft.fft2(delta);
        using var reIm = view_as_real(spectrum).contiguous();

        double[] values = reIm.data<double>().ToArray();
        Assert.Equal(4 * 4 * 2, values.Length);
        for (int i = 0; i < values.Length; i += 2)
        {
            Assert.Equal(1.0, values[i], 12);
            Assert.Equal(0.0, values[i + 1], 12);
        }
    }

    [Fact]
    public void Fft2OfCosineHasTwoPeaks()
    {
        // cos(2*pi*2*x/8) on every row: the 8x8 spectrum is 64/2 = 32 at (0, 2) and (0, 6) and zero elsewhere.
        const int n = 8;
        using var x = arange(n, dtype: float64);
        using var row = cos(x * (2 * Math.PI * 2 / n));
        using var image = row.expand(n, n).contiguous();

        using var spectrum = fft.fft2(image);
        using var reIm = view_as_real(spectrum).contiguous();

        double[] values = reIm.data<double>().ToArray();
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++)
            {
                double expected = r == 0 && (c == 2 || c == 6) ? 32.0 : 0.0;
                Assert.Equal(expected, values[(r * n + c) * 2], 9);
                Assert.Equal(0.0, values[(r * n + c) * 2 + 1], 9);
            }
        }
    }

    [Fact]
    public void NativeLibraryNextToTestsNeedsGcc13MarkerOnlyWeakly()
    {
        string path = Path.Combine(AppContext.BaseDirectory, NativeLibraryName);
        Assert.True(File.Exists(path), $"{path} is missing");

        var needs = ElfVersionNeeds.Read(path);

        // A TorchSharp built with an older GCC would not need the version at all, which is fine too.
        if (needs.SingleOrDefault(v => v.Name == Gcc13MarkerVersion) is { } marker)
        {
            Assert.True(marker.IsWeak, $"{Gcc13MarkerVersion} in {path} is not VER_FLG_WEAK: the Directory.Build.targets patch did not run");
            Assert.Empty(ElfVersionNeeds.SymbolsBoundTo(path, marker.Index));
        }
    }

    [Fact]
    public void TorchLoadsFromBaseDirectoryWithoutCpuFallback()
    {
        // Loading is what triggers TorchSharp's fallback copy, so load first.
        using var probe = ones(1);
        Assert.Equal(1.0f, probe.item<float>());

        string baseDirectory = AppContext.BaseDirectory;
        Assert.False(Directory.Exists(Path.Combine(baseDirectory, "cpu")), "TorchSharp fell back to copying libtorch into cpu/");
        Assert.DoesNotContain(Directory.EnumerateFiles(baseDirectory, "libtorch_cpu.so", SearchOption.AllDirectories),
            f => Path.GetDirectoryName(f) != Path.TrimEndingDirectorySeparator(baseDirectory));

        string loaded = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Last())
            .First(file => Path.GetFileName(file) == NativeLibraryName);
        Assert.Equal(Path.Combine(baseDirectory, NativeLibraryName), loaded);
    }
}

/// <summary>Just enough of an ELF64 little-endian reader for the GNU symbol versioning sections.</summary>
internal static class ElfVersionNeeds
{
    private const uint ShtDynsym = 11, ShtGnuVerneed = 0x6ffffffe, ShtGnuVersym = 0x6fffffff;
    private const ushort VerFlgWeak = 0x2;

    public sealed record VersionNeed(string File, string Name, ushort Flags, ushort Index)
    {
        public bool IsWeak => (Flags & VerFlgWeak) != 0;
    }

    /// <summary>Every Elf64_Vernaux of .gnu.version_r, with the file (Elf64_Verneed) it is needed from.</summary>
    public static List<VersionNeed> Read(string path)
    {
        byte[] elf = Load(path);
        var verneed = Section(elf, FindSection(elf, ShtGnuVerneed));
        long dynstr = Section(elf, verneed.Link).Offset;

        var needs = new List<VersionNeed>();
        long vn = verneed.Offset;
        for (int n = 0; n < verneed.Info; n++, vn += U32(elf, vn + 12))
        {
            string file = CString(elf, dynstr + U32(elf, vn + 4));
            long va = vn + U32(elf, vn + 8);
            for (int a = 0; a < U16(elf, vn + 2); a++, va += U32(elf, va + 12))
                needs.Add(new VersionNeed(file, CString(elf, dynstr + U32(elf, va + 8)), U16(elf, va + 4), U16(elf, va + 6)));
        }
        return needs;
    }

    /// <summary>Names of the .dynsym entries whose .gnu.version entry is <paramref name="index"/>.</summary>
    public static List<string> SymbolsBoundTo(string path, ushort index)
    {
        byte[] elf = Load(path);
        var versym = Section(elf, FindSection(elf, ShtGnuVersym));
        var dynsym = Section(elf, FindSection(elf, ShtDynsym));
        long dynstr = Section(elf, dynsym.Link).Offset;

        var names = new List<string>();
        for (long i = 0; i < dynsym.Size / dynsym.EntrySize; i++)
        {
            if ((U16(elf, versym.Offset + 2 * i) & 0x7fff) == index)
                names.Add(CString(elf, dynstr + U32(elf, dynsym.Offset + i * dynsym.EntrySize)));
        }
        return names;
    }

    private static byte[] Load(string path)
    {
        byte[] elf = File.ReadAllBytes(path);
        Assert.True(elf.Length > 64 && elf.AsSpan(0, 4).SequenceEqual("\u007fELF"u8) && elf[4] == 2 && elf[5] == 1,
            $"{path} is not an ELF64 little-endian file");
        return elf;
    }

    private static (long Offset, long Size, int Link, int Info, long EntrySize) Section(byte[] elf, int index)
    {
        long sh = (long)U64(elf, 0x28) + index * U16(elf, 0x3a);
        return ((long)U64(elf, sh + 24), (long)U64(elf, sh + 32), (int)U32(elf, sh + 40), (int)U32(elf, sh + 44), (long)U64(elf, sh + 56));
    }

    private static int FindSection(byte[] elf, uint type)
    {
        for (int i = 0; i < U16(elf, 0x3c); i++)
        {
            if (U32(elf, (long)U64(elf, 0x28) + i * U16(elf, 0x3a) + 4) == type)
                return i;
        }
        throw new InvalidDataException($"no section of type 0x{type:x}");
    }

    private static ushort U16(byte[] elf, long offset) => BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(checked((int)offset)));
    private static uint U32(byte[] elf, long offset) => BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(checked((int)offset)));
    private static ulong U64(byte[] elf, long offset) => BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(checked((int)offset)));

    private static string CString(byte[] elf, long offset)
    {
        int start = checked((int)offset);
        return Encoding.ASCII.GetString(elf, start, Array.IndexOf(elf, (byte)0, start) - start);
    }
}
