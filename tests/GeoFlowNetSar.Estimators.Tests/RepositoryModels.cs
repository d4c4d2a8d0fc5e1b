namespace GeoFlowNetSar.Estimators.Tests;

/// <summary>Weights files checked into the repository's models/ folder, found from the test's output folder.</summary>
internal static class RepositoryModels
{
    public static string Path(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "models", relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"models/{relative} not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>The U-Net the coarse-offset tests run: the best weights of the committed training run.</summary>
    public static string TrainedUNet => Path(System.IO.Path.Combine("training", "best.gfnw"));
}
