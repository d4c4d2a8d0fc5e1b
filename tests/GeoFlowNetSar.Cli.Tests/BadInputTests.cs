using GeoFlowNetSar.Cli.Tests.Support;

namespace GeoFlowNetSar.Cli.Tests;

/// <summary>
/// Every bad input gets one clear message naming the file and the problem, a non-zero exit code, and no
/// output file (nor a temporary one) left behind.
/// </summary>
public class BadInputTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public BadInputTests()
    {
        TestRasters.Speckle(Pre, 128, 128, seed: 1);
        TestRasters.Speckle(Post, 128, 128, seed: 1, dx: 0.3);
    }

    private string Pre => _dir.File("pre.tif");
    private string Post => _dir.File("post.tif");
    private string Out => _dir.File("out.tif");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void MissingInputFile()
    {
        var missing = _dir.File("nope.tif");
        AssertRejected(Estimate(missing, Post), "nope.tif");
    }

    [Fact]
    public void TruncatedTiff()
    {
        var truncated = _dir.File("truncated.tif");
        var bytes = File.ReadAllBytes(Pre);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        AssertRejected(Estimate(truncated, Post), "truncated.tif");
    }

    [Fact]
    public void NotARasterAtAll()
    {
        var text = _dir.File("notes.tif");
        File.WriteAllText(text, "this is not a TIFF");
        AssertRejected(Estimate(text, Post), "notes.tif");
    }

    [Fact]
    public void DifferentSizes()
    {
        var small = _dir.File("small.tif");
        TestRasters.Speckle(small, 128, 100);
        var result = Estimate(Pre, small);
        AssertRejected(result, "small.tif");
        Assert.Contains("128x100", result.Stderr);
    }

    [Fact]
    public void ZeroSizedRaster()
    {
        var empty = _dir.File("empty.vrt");
        File.WriteAllText(empty, """<VRTDataset rasterXSize="0" rasterYSize="0"><VRTRasterBand dataType="Float32" band="1"/></VRTDataset>""");
        AssertRejected(Estimate(empty, Post), "empty.vrt");
    }

    [Fact]
    public void BandOutOfRange()
    {
        var result = Estimate(Pre, Post, "--band", "3");
        AssertRejected(result, "pre.tif");
        Assert.Contains("band", result.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void WindowLargerThanTheImage()
    {
        var result = Estimate(Pre, Post, "--window", "256");
        AssertRejected(result, "pre.tif");
        Assert.Contains("larger than", result.Stderr);
    }

    [Fact]
    public void StepBelowOne()
    {
        var result = Estimate(Pre, Post, "--step", "0");
        AssertRejected(result, "--step");
    }

    [Fact]
    public void OutputDirectoryMissing()
    {
        var result = CliProcess.Run("estimate", "--pre", Pre, "--post", Post, "--out", _dir.File("no/such/dir/out.tif"), "--threads", "1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Stderr);
        Assert.False(Directory.Exists(_dir.File("no")));
    }

    [Fact]
    public void OutputDirectoryNotWritable()
    {
        // /proc exists but no file can be created in it, not even by root.
        var result = CliProcess.Run("estimate", "--pre", Pre, "--post", Post, "--out", "/proc/geoflownet-out.tif", "--threads", "1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not writable", result.Stderr);
    }

    [Fact]
    public void OutputExistsWithoutOverwrite()
    {
        File.WriteAllText(Out, "precious user data");
        var result = Estimate(Pre, Post);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--overwrite", result.Stderr);
        Assert.Equal("precious user data", File.ReadAllText(Out));
    }

    [Fact]
    public void UnknownMethodIsAUsageError()
    {
        var result = Estimate(Pre, Post, "--method", "magic");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("magic", result.All);
        Assert.False(File.Exists(Out));
    }

    private CliProcess.Result Estimate(string pre, string post, params string[] extra)
    {
        string[] defaults = [.. extra.Contains("--window") ? [] : new[] { "--window", "64" }, .. extra.Contains("--step") ? [] : new[] { "--step", "32" }];
        return CliProcess.Run(["estimate", "--pre", pre, "--post", post, "--out", Out, "--threads", "1", .. defaults, .. extra]);
    }

    private void AssertRejected(CliProcess.Result result, string named)
    {
        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}; stderr: {result.Stderr}");
        Assert.Contains(named, result.Stderr);
        Assert.StartsWith("error: ", result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.DoesNotContain(_dir.Files(), f => f != "pre.tif" && f != "post.tif" && !f.EndsWith(".vrt") && f != "small.tif" && f != "truncated.tif" && f != "notes.tif");
    }
}
