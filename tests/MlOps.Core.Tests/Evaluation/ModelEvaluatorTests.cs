using MlOps.Core.Evaluation;
using MlOps.Core.Evaluation.Metrics;
using MlOps.Core.Registry;
using MlOps.Core.Serving;
using MlOps.Core.Specs;
using MlOps.Core.Tests.Training;
using MlOps.Core.Training;

namespace MlOps.Core.Tests.Evaluation;

/// <summary>
/// The evaluator's figures equal what the metric classes give on the same split scored another way: through the
/// serving path (<see cref="LoadedModel.PredictBatch(IEnumerable{PackedRow})"/>) with labels read from the CSV.
/// </summary>
public sealed class ModelEvaluatorTests
{
    [Fact]
    public void Evaluate_Binary_AgreesWithMetricsClassesOnTheScoredSplit()
    {
        (SharedDataset dataset, Dictionary<string, double> metrics, List<Prediction> predictions, List<string> labels) = EvaluateBothWays("breast_cancer");

        BinaryMetrics expected = BinaryClassificationMetrics.Compute(
            [.. labels.Select(l => l == dataset.Layout.PositiveClass)], [.. predictions.Select(p => p.Probability!.Value)]);
        Assert.Equal(expected.Auc!.Value, metrics["auc"], 12);
        Assert.Equal(expected.AveragePrecision!.Value, metrics["averagePrecision"], 12);
        Assert.Equal(expected.LogLoss, metrics["logLoss"], 12);
        Assert.Equal(expected.Brier, metrics["brier"], 12);
        Assert.Equal(expected.Accuracy, metrics["accuracy"], 12);
        Assert.Equal(expected.Precision, metrics["precision"], 12);
        Assert.Equal(expected.Recall, metrics["recall"], 12);
        Assert.Equal(expected.F1, metrics["f1"], 12);
        Assert.Equal(labels.Count, metrics["rows"]);
        Assert.Equal(expected.Accuracy, predictions.Zip(labels).Count(x => x.First.Label == x.Second) / (double)labels.Count, 12);
    }

    [Fact]
    public void Evaluate_Multiclass_AgreesWithMetricsClassesOnTheScoredSplit()
    {
        (SharedDataset dataset, Dictionary<string, double> metrics, List<Prediction> predictions, List<string> labels) = EvaluateBothWays("wine");

        MulticlassMetrics expected = MulticlassClassificationMetrics.Compute(
            [.. labels.Select(l => dataset.Layout.Classes.ToList().IndexOf(l))],
            [.. predictions.Select(p => p.Probabilities!.Values.ToArray())]);
        Assert.Equal(expected.Accuracy, metrics["accuracy"], 12);
        Assert.Equal(expected.BalancedAccuracy, metrics["balancedAccuracy"], 12);
        Assert.Equal(expected.LogLoss, metrics["logLoss"], 12);
        Assert.Equal(expected.MacroF1, metrics["macroF1"], 12);
    }

    [Fact]
    public void Evaluate_Regression_AgreesWithMetricsClassesOnTheScoredSplit()
    {
        (SharedDataset dataset, Dictionary<string, double> metrics, List<Prediction> predictions, List<string> labels) = EvaluateBothWays("diabetes");

        RegressionMetricSet expected = RegressionMetrics.Compute(
            [.. labels.Select(l => (double)float.Parse(l, System.Globalization.CultureInfo.InvariantCulture))], [.. predictions.Select(p => p.Score)]);
        Assert.Equal(expected.Rmse, metrics["rmse"], 9);
        Assert.Equal(expected.Mae, metrics["mae"], 9);
        Assert.Equal(expected.R2, metrics["r2"], 9);
    }

    [Fact]
    public void ConfusionMatrix_Multiclass_DiagonalGivesTheAccuracy()
    {
        using var directory = new TemporaryDirectory();
        (SharedDataset dataset, FoldFiles files, _, byte[] model) = TrainedModels.Train("iris", directory);

        ConfusionMatrix matrix = ModelEvaluator.ConfusionMatrix(HoldoutEvaluator.Load(model), dataset.Layout, files.Test, 1);

        Dictionary<string, double> metrics = ModelEvaluator.Evaluate(HoldoutEvaluator.Load(model), dataset.Layout, files.Test, 1);
        Assert.Equal(dataset.Layout.Classes, matrix.Classes);
        int total = matrix.Counts.Sum(row => row.Sum());
        Assert.Equal(metrics["rows"], total);
        Assert.Equal(metrics["accuracy"], Enumerable.Range(0, 3).Sum(i => matrix.Counts[i][i]) / (double)total, 12);
        Assert.All(matrix.Counts, row => Assert.Equal(10, row.Sum()));
    }

    [Fact]
    public void ConfusionMatrix_Regression_Throws()
    {
        using var directory = new TemporaryDirectory();
        (SharedDataset dataset, FoldFiles files, _, byte[] model) = TrainedModels.Train("diabetes", directory);

        Assert.Throws<InvalidOperationException>(() => ModelEvaluator.ConfusionMatrix(HoldoutEvaluator.Load(model), dataset.Layout, files.Test, 1));
    }

    [Fact]
    public void MetricNames_EveryTask_AreWhatEvaluateProduces()
    {
        foreach (string name in new[] { "breast_cancer", "iris", "diabetes" })
        {
            using var directory = new TemporaryDirectory();
            (SharedDataset dataset, FoldFiles files, _, byte[] model) = TrainedModels.Train(name, directory);

            Dictionary<string, double> metrics = ModelEvaluator.Evaluate(HoldoutEvaluator.Load(model), dataset.Layout, files.Test, 1);

            Assert.Equal(ModelEvaluator.MetricNames(dataset.Task).Order(), metrics.Keys.Where(k => k is not "rows" and not "threshold").Order());
        }
    }

    /// <summary>Trains on a shared dataset, evaluates the test split, and scores the same split through serving.</summary>
    private static (SharedDataset Dataset, Dictionary<string, double> Metrics, List<Prediction> Predictions, List<string> Labels) EvaluateBothWays(string name)
    {
        using var directory = new TemporaryDirectory();
        (SharedDataset dataset, FoldFiles files, _, byte[] model) = TrainedModels.Train(name, directory);
        Dictionary<string, double> metrics = ModelEvaluator.Evaluate(HoldoutEvaluator.Load(model), dataset.Layout, files.Test, 1);
        (List<Prediction> predictions, List<string> labels) = ScoreThroughServing(dataset.Layout, files.Test, model);
        return (dataset, metrics, predictions, labels);
    }

    private static (List<Prediction> Predictions, List<string> Labels) ScoreThroughServing(FeatureLayout layout, string path, byte[] model)
    {
        var loaded = new LoadedModel(Record(layout), model);
        int label = layout.IndexOf(layout.Label);
        string[][] rows = [.. File.ReadLines(path).Skip(1).Select(l => l.Split(','))];
        IEnumerable<PackedRow> packed = rows.Select(r => new PackedRow
        {
            Numeric = [.. layout.NumericFeatures.Select(f => float.Parse(r[layout.IndexOf(f)], System.Globalization.CultureInfo.InvariantCulture))],
        });
        return ([.. loaded.PredictBatch(packed)], [.. rows.Select(r => r[label])]);
    }

    internal static ModelVersionRecord Record(FeatureLayout layout) => new()
    {
        Model = "test",
        Version = 1,
        RunId = "run",
        ArtifactPath = "test/1/model.zip",
        Sha256 = "none",
        Trainer = "LightGbm",
        Layout = layout,
    };
}
