using MlOps.Core.Evaluation;
using MlOps.Core.Registry;
using MlOps.Core.Tests.Training;
using MlOps.Core.Training;

namespace MlOps.Core.Tests.Evaluation;

public sealed class HoldoutEvaluatorTests
{
    [Fact]
    public void EvaluateChampion_SameClassesInAnotherOrder_ScoresWithTheChampionsOrder()
    {
        using var directory = new TemporaryDirectory();
        (SharedDataset dataset, FoldFiles files, _, byte[] model) = TrainedModels.Train("iris", directory);
        ModelVersionRecord champion = ModelEvaluatorTests.Record(dataset.Layout);
        FeatureLayout current = dataset.Layout with { Classes = [.. dataset.Layout.Classes.Reverse()] };

        (Dictionary<string, double>? metrics, string? problem) = HoldoutEvaluator.EvaluateChampion(champion, model, current, files.Test, 1);

        Assert.Null(problem);
        Assert.Equal(ModelEvaluator.Evaluate(HoldoutEvaluator.Load(model), dataset.Layout, files.Test, 1), metrics);
    }

    [Fact]
    public void EvaluateChampion_OtherClassSet_ProblemAndNoMetrics()
    {
        using var directory = new TemporaryDirectory();
        (SharedDataset dataset, FoldFiles files, _, byte[] model) = TrainedModels.Train("iris", directory);
        ModelVersionRecord champion = ModelEvaluatorTests.Record(dataset.Layout with { Classes = ["setosa", "versicolor"] });

        (Dictionary<string, double>? metrics, string? problem) = HoldoutEvaluator.EvaluateChampion(champion, model, dataset.Layout, files.Test, 1);

        Assert.Null(metrics);
        Assert.Contains("different set of classes", problem, StringComparison.Ordinal);
    }
}
