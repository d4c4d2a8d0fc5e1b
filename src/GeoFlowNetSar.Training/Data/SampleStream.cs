using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using GeoFlowNetSar.Synthesis.Samples;

namespace GeoFlowNetSar.Training.Data;

/// <summary>
/// Training data on the fly: background threads call <see cref="ISarPairGenerator.Generate"/> for the sample
/// indices start, start + 1, … (seed <see cref="SampleSeeds.Training"/>), augment and prepare them, and queue them
/// in bounded queues. Producer k owns the indices ≡ k (mod producers) and its own queue; <see cref="Take"/> reads
/// the queues round-robin, so the sequence is the same whatever the number of producers or their timing: a
/// stream is deterministic for a seed, and resuming at index i replays exactly what a run would have seen.
/// </summary>
public sealed class SampleStream : IDisposable
{
    private readonly Func<long, ISarPairGenerator> _generatorOfIndex;
    private readonly Func<long, int> _sizeOfIndex;
    private readonly SampleStreamOptions _options;
    private readonly BlockingCollection<Item>[] _queues;
    private readonly Thread[] _threads;
    private readonly CancellationTokenSource _stop = new();
    private readonly long _start;
    private long _next;
    private bool _disposed;

    /// <param name="sizeOfIndex">Sample side for a sample index (the crop curriculum); must be deterministic.</param>
    /// <param name="startIndex">First sample index (resume: step × batch).</param>
    public SampleStream(ISarPairGenerator generator, Func<long, int> sizeOfIndex, SampleStreamOptions? options = null, long startIndex = 0)
        : this(_ => generator, sizeOfIndex, options, startIndex)
    {
    }

    /// <param name="generatorOfIndex">The generator of each sample index (data stages); must be deterministic.</param>
    /// <param name="sizeOfIndex">Sample side for a sample index (the crop curriculum); must be deterministic.</param>
    /// <param name="options">Seed, producers, queue capacity, augmentation.</param>
    /// <param name="startIndex">First sample index (resume: step × batch).</param>
    public SampleStream(Func<long, ISarPairGenerator> generatorOfIndex, Func<long, int> sizeOfIndex, SampleStreamOptions? options = null, long startIndex = 0)
    {
        _generatorOfIndex = generatorOfIndex;
        _sizeOfIndex = sizeOfIndex;
        _options = options ?? new SampleStreamOptions();
        _options.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(startIndex);
        _start = _next = startIndex;
        int producers = _options.Producers;
        int perQueue = Math.Max(1, _options.Capacity / producers);
        _queues = new BlockingCollection<Item>[producers];
        _threads = new Thread[producers];
        for (int k = 0; k < producers; k++)
        {
            _queues[k] = new BlockingCollection<Item>(new ConcurrentQueue<Item>(), perQueue);
            int lane = k;
            _threads[k] = new Thread(() => Produce(lane)) { IsBackground = true, Name = $"SampleStream producer {k}" };
            _threads[k].Start();
        }
    }

    /// <summary>Index of the sample the next <see cref="Take"/> returns.</summary>
    public long NextIndex => _next;

    /// <summary>The next sample in index order; rethrows a generator failure with its seed.</summary>
    public PreparedSample Take(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var queue = _queues[(int)((_next - _start) % _queues.Length)];
        var item = queue.Take(cancellationToken);
        if (item.Error is not null)
            throw new InvalidOperationException($"The sample generator failed on sample {item.Index} (seed {SampleSeeds.Training(_options.BaseSeed, item.Index)}): {item.Error.SourceException.Message}", item.Error.SourceException);
        if (item.Sample!.Index != _next)
            throw new InvalidOperationException($"Sample stream out of order: expected {_next}, got {item.Sample.Index}.");
        _next++;
        return item.Sample;
    }

    /// <summary>Takes <paramref name="count"/> samples.</summary>
    public IReadOnlyList<PreparedSample> Take(int count, CancellationToken cancellationToken = default)
    {
        var samples = new PreparedSample[count];
        for (int i = 0; i < count; i++) samples[i] = Take(cancellationToken);
        return samples;
    }

    /// <summary>Generates and prepares training sample <paramref name="index"/> on the calling thread.</summary>
    public static PreparedSample Make(ISarPairGenerator generator, long baseSeed, long index, int size, bool augment)
    {
        long seed = SampleSeeds.Training(baseSeed, index);
        var sample = generator.Generate(size, seed);
        if (augment)
        {
            var (flipColumns, flipRows) = Augmentation.ChooseFlips(seed);
            sample = Augmentation.Apply(sample, flipColumns, flipRows);
        }
        return SamplePreparation.Prepare(sample, size, index, seed);
    }

    private void Produce(int lane)
    {
        var token = _stop.Token;
        var queue = _queues[lane];
        try
        {
            for (long index = _start + lane; !token.IsCancellationRequested; index += _queues.Length)
            {
                Item item;
                try
                {
                    item = new Item(index, Make(_generatorOfIndex(index), _options.BaseSeed, index, _sizeOfIndex(index), _options.Augment), null);
                }
                catch (Exception e)
                {
                    item = new Item(index, null, ExceptionDispatchInfo.Capture(e));
                }
                queue.Add(item, token);
                if (item.Error is not null) return;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _stop.Cancel();
        foreach (var thread in _threads) thread.Join();
        foreach (var queue in _queues) queue.Dispose();
        _stop.Dispose();
    }

    private sealed record Item(long Index, PreparedSample? Sample, ExceptionDispatchInfo? Error);
}
