using System.Globalization;
using MlOps.Core.Evaluation;
using MlOps.Core.Specs;
using MlOps.Core.Tests.Training;
using MlOps.Core.Training;

namespace MlOps.Core.Tests.Evaluation;

public sealed class PermutationImportanceTests
{
    [Fact]
    public void Compute_PlantedInformativeFeature_RankedFirstAndNoiseNearZero()
    {
        using var directory = new TemporaryDirectory();
        var layout = new FeatureLayout
        {
            Task = ModelTask.Regression,
            Label = "y",
            Columns = ["a", "informative", "b", "c", "y"],
            NumericFeatures = ["a", "informative", "b", "c"],
        };
        string train = WritePlanted(directory.File("train.csv"), 800, 1);
        string test = WritePlanted(directory.File("test.csv"), 300, 2);
        (_, byte[]? model) = new CandidateTrainer().Train(layout, new PipelineSpec { Task = ModelTask.Regression, Label = "y" },
            new CandidateSpec("LightGbm", new Dictionary<string, double>()), train, test);

        IReadOnlyList<FeatureImportance> importances = PermutationImportance.Compute(HoldoutEvaluator.Load(model!), layout, test, "r2", seed: 3);

        Assert.Equal("informative", importances[0].Feature);
        Assert.True(importances[0].Importance > 0.5, $"importance {importances[0].Importance}");
        Assert.All(importances.Skip(1), i => Assert.InRange(i.Importance, -0.05, 0.05));
        Assert.Equal(4, importances.Count);
    }

    [Fact]
    public void Compute_LossMetric_ImportanceIsTheIncreaseAndSameRanking()
    {
        using var directory = new TemporaryDirectory();
        (SharedDataset dataset, FoldFiles files, _, byte[] model) = TrainedModels.Train("breast_cancer", directory);

        IReadOnlyList<FeatureImportance> byLoss = PermutationImportance.Compute(HoldoutEvaluator.Load(model), dataset.Layout, files.Test, "logLoss", seed: 3, top: 3);

        Assert.Equal(3, byLoss.Count);
        Assert.True(byLoss[0].Importance > 0, $"top importance {byLoss[0].Importance}");
        Assert.True(byLoss[0].Importance >= byLoss[1].Importance && byLoss[1].Importance >= byLoss[2].Importance);
    }

    [Fact]
    public void Compute_MixedColumns_EveryInformativeKindMattersMoreThanTheNoise()
    {
        using var directory = new TemporaryDirectory();
        string train = MixedDataset.Write(directory.File("train.csv"), rows: 1500, seed: 1);
        string test = MixedDataset.Write(directory.File("test.csv"), rows: 600, seed: 2);
        (_, byte[]? model) = new CandidateTrainer().Train(MixedDataset.Layout, new PipelineSpec { Label = "y" },
            new CandidateSpec("LightGbm", new Dictionary<string, double>()), train, test);

        IReadOnlyList<FeatureImportance> importances = PermutationImportance.Compute(HoldoutEvaluator.Load(model!), MixedDataset.Layout, test, "auc", seed: 3);

        Dictionary<string, double> byName = importances.ToDictionary(i => i.Feature, i => i.Importance);
        double noise = Math.Max(byName["noise"], byName["city"]);
        Assert.All(["signal", "color", "review"], f => Assert.True(byName[f] > noise + 0.01, $"{f} {byName[f]} vs noise {noise}"));
    }

    [Fact]
    public void Compute_UnknownMetric_ArgumentException()
    {
        using var directory = new TemporaryDirectory();
        (SharedDataset dataset, FoldFiles files, _, byte[] model) = TrainedModels.Train("iris", directory);

        Assert.Throws<ArgumentException>(() => PermutationImportance.Compute(HoldoutEvaluator.Load(model), dataset.Layout, files.Test, "auc", seed: 3));
    }

    /// <summary>y is ten times "informative" plus a little noise; a, b and c are unrelated.</summary>
    private static string WritePlanted(string path, int rows, int seed) =>
        SyntheticCsv.Write(path, "a,informative,b,c,y", rows, seed, random =>
        {
            double[] x = [random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble()];
            double y = (10 * x[1]) + (0.3 * random.NextDouble());
            return string.Join(',', x.Append(y).Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        });
}
