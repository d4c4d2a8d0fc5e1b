using GeoFlowNetSar.Training.Logging;
using GeoFlowNetSar.Training.SceneValidation;

namespace GeoFlowNetSar.Model.Tests;

public sealed class TrainingCsvLogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gfn-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ResumingALogFromAnOlderBuildNamesTheNewColumnsAndDropsRepeatedSteps()
    {
        string path = Path.Combine(_dir, "training.csv");
        const string older = "step,elapsed_s,lr,crop,loss_total,loss_s0,loss_s1,loss_s2,loss_s3,loss_s4,val_mae_dx,val_mae_dy,val_mae_near_fault,val_false_motion,samples_per_s";
        File.WriteAllLines(path, [older, "1,2.5,1E-05,256,0.05,0.03,0.03,0.03,0.04,0.06,,,,,10", "2,5,1E-05,256,0.04,0.03,0.03,0.03,0.04,0.06,,,,,10"]);

        using (var log = new TrainingCsvLog(path, truncateAfterStep: 1))
            log.Write(new TrainingLogRow(2, 6, 1e-5, 256, 0.03, [0.02, 0.02, 0.02, 0.03, 0.05], null, 11,
                new SceneValidationMetrics(0.02, 0.014, 0.05, 0.047, 0.0177)));

        Assert.Equal(TrainingCsvLog.Header, File.ReadLines(path).First());
        Assert.Equal([(1, 0.05), (2, 0.03)], TrainingCsvLog.ReadColumn(path, "loss_total"));
        Assert.Equal([(2, 0.014)], TrainingCsvLog.ReadColumn(path, "scene_mae_dy"));
        Assert.Equal(0.014 / 0.0177, TrainingCsvLog.ReadColumn(path, "scene_bar_ratio").Single().Value, 5);
    }
}
