using GeoFlowNetSar.Raster.Native;
using GeoFlowNetSar.Raster.Reading;
using GeoFlowNetSar.Raster.Tests.Support;

namespace GeoFlowNetSar.Raster.Tests.Native;

public class GdalRuntimeTests
{
    [Fact]
    public void Loads_debians_gdal_3_6()
    {
        Assert.StartsWith("3.", GdalRuntime.Version);
    }

    [Fact]
    public void Bounds_the_block_cache_unless_the_user_set_it()
    {
        if (Environment.GetEnvironmentVariable("GDAL_CACHEMAX") is not null) return;
        Assert.Equal(GdalRuntime.DefaultCacheMaxMegabytes * 1024L * 1024L, GdalRuntime.CacheMaxBytes);
    }

    [Fact]
    public void A_missing_library_says_what_to_install()
    {
        var error = Assert.Throws<GdalNotInstalledException>(() => GdalLibrary.Load(["libgdal-does-not-exist.so.99", "libnope.so"]));
        Assert.Contains("apt-get install libgdal32 gdal-bin", error.Message);
        Assert.Contains("libgdal-does-not-exist.so.99", error.Message);
        Assert.IsAssignableFrom<DllNotFoundException>(error);
    }

    [Fact]
    public void Default_candidates_start_with_the_debian_soname()
    {
        Assert.Equal(["libgdal.so.32", "libgdal.so"], GdalLibrary.DefaultCandidates);
    }

    [Fact]
    public void Errors_are_captured_per_thread_and_name_the_right_file()
    {
        using var temp = new TempDir();
        // Each thread opens a different broken "file" at the same time; every exception must carry its own name and
        // GDAL's own reason, never the other thread's.
        var names = Enumerable.Range(0, 8).Select(i => temp.File($"not-a-raster-{i}.tif")).ToArray();
        foreach (string name in names) File.WriteAllText(name, $"plain text {name}");

        var messages = new string[names.Length];
        Parallel.For(0, names.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            for (int repeat = 0; repeat < 20; repeat++)
            {
                var error = Assert.Throws<RasterInputException>(() => GdalAmplitudeSource.Open(names[i]));
                messages[i] = error.Message;
                Assert.Equal(names[i], error.FileName);
                foreach (string other in names.Where(n => n != names[i]))
                    Assert.DoesNotContain(other, error.Message);
            }
        });
        Assert.All(messages, m => Assert.Contains("not recognized as a supported file format", m));
    }
}
