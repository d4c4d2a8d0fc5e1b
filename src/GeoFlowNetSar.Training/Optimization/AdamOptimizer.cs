using GeoFlowNetSar.TorchSupport;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GeoFlowNetSar.Training.Optimization;

/// <summary>
/// Adam (Kingma &amp; Ba, 2015; PyTorch's formulation without weight decay or AMSGrad) over a module's named
/// parameters, with its state saved and restored exactly for checkpoints.
/// </summary>
/// <remarks>
/// Written here rather than using torch.optim.Adam: TorchSharp 0.107's Adam passes its hyper-parameters to libtorch as
/// temporary Scalars that nothing keeps alive during the native call (dotnet/TorchSharp PRs #1434 / #1496), so a
/// garbage collection at the wrong moment lets libtorch read a freed Scalar — a crash at best, a silently wrong update
/// at worst. Every Scalar here is held by a <c>using</c> until the step is done (see <see cref="TorchScalars"/>).
/// </remarks>
public sealed class AdamOptimizer : IDisposable
{
    private const int StateFormat = 1;
    private readonly (string Name, Parameter Parameter)[] _parameters;
    private readonly Tensor[] _firstMoment;
    private readonly Tensor[] _secondMoment;
    private bool _disposed;

    public AdamOptimizer(IEnumerable<(string Name, Parameter Parameter)> parameters, double learningRate = 1e-3,
        double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        if (!(learningRate >= 0)) throw new ArgumentOutOfRangeException(nameof(learningRate));
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1));
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2));
        if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon));
        _parameters = parameters.ToArray();
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        _firstMoment = new Tensor[_parameters.Length];
        _secondMoment = new Tensor[_parameters.Length];
        for (int i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i].Parameter;
            _firstMoment[i] = zeros_like(p).DetachFromDisposeScope();
            _secondMoment[i] = zeros_like(p).DetachFromDisposeScope();
        }
    }

    public double LearningRate { get; set; }
    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }

    /// <summary>Updates taken so far (drives the bias corrections).</summary>
    public long StepCount { get; private set; }

    public void ZeroGrad()
    {
        using var scope = NewDisposeScope();
        foreach (var (_, p) in _parameters) p.grad?.zero_();
    }

    /// <summary>
    /// Scales all gradients down so that their global L2 norm is at most <paramref name="maxNorm"/> (Pascanu et al.,
    /// 2013): a rare huge gradient (a sample with an extreme field, a near-singular normalisation) then nudges the
    /// weights instead of throwing them off. Returns the norm before clipping.
    /// </summary>
    public double ClipGradientNorm(double maxNorm)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        double squares = 0;
        foreach (var (_, p) in _parameters)
            if (p.grad is { } grad) squares += grad.mul(grad).sum().to(CPU).item<float>();
        double norm = Math.Sqrt(squares);
        if (norm > maxNorm && double.IsFinite(norm))
        {
            using var factor = (maxNorm / norm).ToScalar();
            foreach (var (_, p) in _parameters) p.grad?.mul_(factor);
        }
        return norm;
    }

    public void Step()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        StepCount++;
        double correction1 = 1 - Math.Pow(Beta1, StepCount);
        double correction2 = 1 - Math.Pow(Beta2, StepCount);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var beta1 = Beta1.ToScalar();
        using var oneMinusBeta1 = (1 - Beta1).ToScalar();
        using var beta2 = Beta2.ToScalar();
        using var oneMinusBeta2 = (1 - Beta2).ToScalar();
        using var sqrtCorrection2 = Math.Sqrt(correction2).ToScalar();
        using var epsilon = Epsilon.ToScalar();
        using var stepSize = (-LearningRate / correction1).ToScalar();
        for (int i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i].Parameter;
            var grad = p.grad;
            if (grad is null) continue;
            _firstMoment[i].mul_(beta1).add_(grad, oneMinusBeta1);
            _secondMoment[i].mul_(beta2).addcmul_(grad, grad, oneMinusBeta2);
            var denominator = _secondMoment[i].sqrt().div_(sqrtCorrection2).add_(epsilon, TorchScalars.One);
            p.addcdiv_(_firstMoment[i], denominator, stepSize);
        }
    }

    /// <summary>Writes step count, hyper-parameters and both moments of every parameter (by name).</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(StateFormat);
        writer.Write(StepCount);
        writer.Write(LearningRate);
        writer.Write(Beta1);
        writer.Write(Beta2);
        writer.Write(Epsilon);
        writer.Write(_parameters.Length);
        using var scope = NewDisposeScope();
        for (int i = 0; i < _parameters.Length; i++)
        {
            writer.Write(_parameters[i].Name);
            _firstMoment[i].to(CPU).Save(writer);
            _secondMoment[i].to(CPU).Save(writer);
        }
    }

    /// <summary>Restores what <see cref="Save"/> wrote; the parameters must have the same names and shapes.</summary>
    public void Load(BinaryReader reader)
    {
        int format = reader.ReadInt32();
        if (format != StateFormat) throw new InvalidDataException($"Unsupported optimizer state format {format}.");
        long steps = reader.ReadInt64();
        double learningRate = reader.ReadDouble();
        double beta1 = reader.ReadDouble(), beta2 = reader.ReadDouble(), epsilon = reader.ReadDouble();
        if (beta1 != Beta1 || beta2 != Beta2 || epsilon != Epsilon)
            throw new InvalidDataException($"Optimizer state has β1 {beta1}, β2 {beta2}, ε {epsilon}; this optimizer has {Beta1}, {Beta2}, {Epsilon}.");
        int count = reader.ReadInt32();
        if (count != _parameters.Length)
            throw new InvalidDataException($"Optimizer state has {count} parameters, the model has {_parameters.Length}.");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            if (name != _parameters[i].Name)
                throw new InvalidDataException($"Optimizer state parameter {i} is '{name}', the model's is '{_parameters[i].Name}'.");
            Restore(reader, _firstMoment[i]);
            Restore(reader, _secondMoment[i]);
        }
        StepCount = steps;
        LearningRate = learningRate;
    }

    private static void Restore(BinaryReader reader, Tensor target)
    {
        var staging = zeros(target.shape, target.dtype, CPU);
        staging.Load(reader);
        target.copy_(staging);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var t in _firstMoment) t.Dispose();
        foreach (var t in _secondMoment) t.Dispose();
    }
}
