using Microsoft.ML;
using MlOps.Core.Evaluation.Metrics;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Evaluation;

/// <summary>
/// Scores a prepared split with a trained model and computes the task's metrics with our scikit-learn-compatible
/// metric code, under the names of <see cref="MetricNames.For"/>. Binary: auc, averagePrecision, logLoss, accuracy,
/// balancedAccuracy, precision, recall, f1, brier, the threshold ones at the given decision threshold (reported as
/// threshold); multiclass: accuracy, balancedAccuracy, logLoss, macroF1; regression: r2, rmse, mae. Every task adds
/// rows. A metric that is undefined on the split (AUC with one class present) is left out.
/// </summary>
public static class ModelEvaluator
{
    /// <summary>The decision threshold when none was chosen: a row is predicted positive when its positive-class probability is at least this.</summary>
    public const double Threshold = 0.5;

    public static Dictionary<string, double> Evaluate(ITransformer model, FeatureLayout layout, string splitPath, int seed, double threshold = Threshold)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var ml = new MLContext(seed);
        return Evaluate(ml, model, layout, TrainingDataLoader.Load(ml, layout, splitPath), threshold);
    }

    /// <summary>The confusion matrix of a classifier on a split (binary: negative then positive class, at the threshold).</summary>
    /// <exception cref="InvalidOperationException">The layout is a regression.</exception>
    public static ConfusionMatrix ConfusionMatrix(ITransformer model, FeatureLayout layout, string splitPath, int seed, double threshold = Threshold)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(layout);
        var ml = new MLContext(seed);
        IDataView scored = model.Transform(LabelMapping.Apply(ml, layout, TrainingDataLoader.Load(ml, layout, splitPath)));
        switch (layout.Task)
        {
            case ModelTask.Binary:
                BinaryMetrics binary = ScoredSplit.Binary(scored, threshold);
                return new ConfusionMatrix(layout.Classes, [[binary.TrueNegatives, binary.FalsePositives], [binary.FalseNegatives, binary.TruePositives]]);
            case ModelTask.Multiclass:
                return new ConfusionMatrix(layout.Classes, ScoredSplit.Multiclass(scored).ConfusionMatrix);
            default:
                throw new InvalidOperationException("A regression has no confusion matrix.");
        }
    }

    /// <summary>The metric names <see cref="Evaluate(ITransformer, FeatureLayout, string, int, double)"/> produces for a task (for validating selection metrics and gates).</summary>
    public static IReadOnlyList<string> MetricNames(ModelTask task) => Metrics.MetricNames.For(task);

    internal static Dictionary<string, double> Evaluate(MLContext ml, ITransformer model, FeatureLayout layout, IDataView raw, double threshold = Threshold)
    {
        IDataView scored = model.Transform(LabelMapping.Apply(ml, layout, raw));
        switch (layout.Task)
        {
            case ModelTask.Binary:
                return ScoredSplit.Binary(scored, threshold).Named();
            case ModelTask.Multiclass:
                return ScoredSplit.Multiclass(scored).Named();
            default:
                return ScoredSplit.Regression(scored).Named();
        }
    }

    /// <summary>A binary model's label and positive-class probability for each row of a loaded split.</summary>
    internal static (bool[] Labels, double[] Probabilities) ScoreBinary(MLContext ml, ITransformer model, FeatureLayout layout, IDataView raw) =>
        ScoredSplit.BinaryScores(model.Transform(LabelMapping.Apply(ml, layout, raw)));
}
