namespace GeoFlowNetSar.Model.Weights;

/// <summary>A weights or checkpoint file that cannot be used: the message names the file and the problem.</summary>
public sealed class ModelWeightsException : IOException
{
    public ModelWeightsException(string path, string problem, Exception? inner = null)
        : base($"Weights file '{path}': {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    public string FilePath { get; }

    public string Problem { get; }
}
