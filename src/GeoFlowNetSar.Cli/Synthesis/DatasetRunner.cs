using System.Diagnostics;
using System.Globalization;
using GeoFlowNetSar.Cli.Terminal;
using GeoFlowNetSar.Raster.Metadata;
using GeoFlowNetSar.Synthesis.Datasets;
using GeoFlowNetSar.Synthesis.RealPairs;
using GeoFlowNetSar.Synthesis.Samples;
using GeoFlowNetSar.Synthesis.Simulation;

namespace GeoFlowNetSar.Cli.Synthesis;

/// <summary>What `geoflownet synth dataset` was asked for.</summary>
public sealed record DatasetRequest(string Output, long Count, int Size, long Seed, string Source, FaultDeformOptions Options,
    AmplitudeEncoding Precision, int ShardSamples, int Threads, int Band, bool Decibels, PairWarp Warp = PairWarp.Auto);

public sealed record DatasetResult(string Folder, long Count, int Shards, long Bytes, TimeSpan Elapsed, AlignmentResult? Alignment);

/// <summary>
/// Writes a sample dataset (shards + index.json, <see cref="SampleShardFormat"/>) from the simulator or from a real pair,
/// into a folder that appears only when complete.
/// </summary>
public static class DatasetRunner
{
    public static DatasetResult Run(DatasetRequest request, Action<long, long> progress, CancellationToken token)
    {
        var clock = Stopwatch.StartNew();
        using var folder = OutputFolder.Create(request.Output);
        var source = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["tool"] = "geoflownet synth dataset",
            ["options"] = request.Options.ToString(),
        };
        ISarPairGenerator generator;
        AlignmentResult? alignment = null;
        IDisposable? inputs = null;
        if (request.Source == "simulator")
        {
            if (request.Warp != PairWarp.Auto)
                throw new CliInputException("--warp chooses how a real pair's POST is resampled: it applies to --source pairs:PRE,POST only (the simulator always warps its complex field).");
            generator = new FaultDeformSimulator(request.Options);
            source["generator"] = "FaultDeform-SAR simulator";
        }
        else if (request.Source.StartsWith("pairs:", StringComparison.Ordinal))
        {
            var (prePath, postPath) = PairSources.Parse(request.Source["pairs:".Length..]);
            var pair = PairSources.Open(prePath, postPath, request.Band, request.Decibels, request.Warp);
            inputs = pair;
            var (pre, post) = (pair.Pre, pair.Post);
            foreach (var raster in new[] { pre, post })
                if (raster.Width < 32 || raster.Height < 32)
                    throw new CliInputException($"{raster.Name}: {raster.Width}x{raster.Height} is smaller than 32x32 pixels.");
            if (pre.Width != post.Width || pre.Height != post.Height)
                Console.WriteLine($"note: PRE is {pre.Width}x{pre.Height} and POST {post.Width}x{post.Height}; the alignment relates their pixel grids.");
            if (!pair.IsComplex && request.Warp == PairWarp.Auto && (pair.PreDataType.IsComplex() || pair.PostDataType.IsComplex()))
                Console.WriteLine($"note: only one raster is complex ({pre.Name}: {pair.PreDataType}, {post.Name}: {pair.PostDataType}); warping detected amplitude.");
            alignment = pair.Align();
            Console.WriteLine($"alignment: PRE pixel p is POST pixel p + ({alignment.Dx:F3}, {alignment.Dy:F3}) " +
                $"(phase-correlation peak {alignment.Peak:F3}, {alignment.Significance:F1}x the chance level; {alignment.BlockWidth}x{alignment.BlockHeight} block, 1/{alignment.Upsample} px)");
            if (alignment.Significance < 1.5)
                CommandRunner.Warn($"the alignment is not significant (peak {alignment.Peak:F3}, {alignment.Significance:F1}x the chance level): {pre.Name} and {post.Name} may not show the same place, overlap too little, or be too decorrelated.");
            var options = request.Options;
            var spacing = pair.PixelSpacing;
            if (spacing.IsKnown) options = options with { RangeSpacing = spacing.X, AzimuthSpacing = spacing.Y };
            var sampler = pair.Sampler(alignment, options);
            int maxSize = sampler.MaxSize(options.MaxDisplacement.Max);
            if (request.Size > maxSize)
                throw new CliInputException($"--size {request.Size}: the pair ({pre.Width}x{pre.Height} and {post.Width}x{post.Height}, aligned) allows samples of at most {maxSize} pixels (margins for the warp and the alignment shift).");
            generator = sampler;
            Console.WriteLine($"POST warp: {sampler.WarpDescription}");
            source["generator"] = $"real pairs (FaultDeform-SAR displacement, POST {(sampler.WarpsComplexField ? "complex field warped, then detected" : "amplitude warped")})";
            source["pre"] = pre.Name;
            source["post"] = post.Name;
            source["pre_data_type"] = pair.PreDataType.ToString();
            source["post_data_type"] = pair.PostDataType.ToString();
            source["input"] = sampler.WarpsComplexField ? "complex" : "amplitude";
            source["alignment_dx_px"] = alignment.Dx.ToString("R", CultureInfo.InvariantCulture);
            source["alignment_dy_px"] = alignment.Dy.ToString("R", CultureInfo.InvariantCulture);
            source["alignment_peak"] = alignment.Peak.ToString("R", CultureInfo.InvariantCulture);
            source["alignment_significance"] = alignment.Significance.ToString("R", CultureInfo.InvariantCulture);
            source["warp"] = sampler.WarpDescription;
        }
        else
        {
            throw new CliInputException($"--source {request.Source}: expected simulator or pairs:PRE,POST.");
        }

        using (inputs)
        {
            var options = new SampleDatasetOptions
            {
                Count = request.Count,
                Size = request.Size,
                BaseSeed = request.Seed,
                Amplitude = request.Precision,
                SamplesPerShard = request.ShardSamples,
                Parallelism = request.Threads,
                Source = source,
            };
            progress(0, request.Count);
            var index = SampleDatasetWriter.Write(folder.WorkPath, generator, options,
                new Synchronous(done => progress(done, request.Count)), token);
            folder.Commit();
            long bytes = index.Shards.Sum(s => s.Bytes) + new FileInfo(Path.Combine(folder.FinalPath, SampleShardFormat.IndexFileName)).Length;
            return new DatasetResult(folder.FinalPath, index.Count, index.Shards.Count, bytes, clock.Elapsed, alignment);
        }
    }

    private sealed class Synchronous(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
