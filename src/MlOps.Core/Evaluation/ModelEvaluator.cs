using Microsoft.ML;
using MlOps.Core.Evaluation.Metrics;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Evaluation;

/// <summary>
/// Scores a prepared split with a trained model and computes the task's metrics with our scikit-learn-compatible
/// metric code. Binary: auc, averagePrecision, logLoss, accuracy, precision, recall, f1, brier (threshold 0.5 on the
/// positive-class probability); multiclass: microAccuracy, macroAccuracy, logLoss, macroF1; regression: rmse, mae,
/// r2. Every task adds rows. A metric that is undefined on the split (AUC with one class present) is left out.
/// </summary>
public static class ModelEvaluator
{
    /// <summary>A row is predicted positive when its positive-class probability is at least this (serving uses the same).</summary>
    public const double Threshold = 0.5;

    public static Dictionary<string, double> Evaluate(ITransformer model, FeatureLayout layout, string splitPath, int seed)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var ml = new MLContext(seed);
        return Evaluate(ml, model, layout, TrainingDataLoader.Load(ml, layout, splitPath));
    }

    /// <summary>The confusion matrix of a classifier on a split (binary: negative then positive class).</summary>
    /// <exception cref="InvalidOperationException">The layout is a regression.</exception>
    public static ConfusionMatrix ConfusionMatrix(ITransformer model, FeatureLayout layout, string splitPath, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(layout);
        var ml = new MLContext(seed);
        IDataView scored = model.Transform(LabelMapping.Apply(ml, layout, TrainingDataLoader.Load(ml, layout, splitPath)));
        switch (layout.Task)
        {
            case ModelTask.Binary:
                BinaryMetrics binary = ScoredSplit.Binary(scored);
                return new ConfusionMatrix(layout.Classes, [[binary.TrueNegatives, binary.FalsePositives], [binary.FalseNegatives, binary.TruePositives]]);
            case ModelTask.Multiclass:
                return new ConfusionMatrix(layout.Classes, ScoredSplit.Multiclass(scored).ConfusionMatrix);
            default:
                throw new InvalidOperationException("A regression has no confusion matrix.");
        }
    }

    /// <summary>The metric names <see cref="Evaluate(ITransformer, FeatureLayout, string, int)"/> produces for a task (for validating primary metrics and gates).</summary>
    public static IReadOnlyList<string> MetricNames(ModelTask task) => task switch
    {
        ModelTask.Binary => ["auc", "averagePrecision", "logLoss", "accuracy", "precision", "recall", "f1", "brier"],
        ModelTask.Multiclass => ["microAccuracy", "macroAccuracy", "logLoss", "macroF1"],
        _ => ["rmse", "mae", "r2"],
    };

    /// <summary>Means of the metrics every set has (cross-validation folds); rows are summed and folds counted.</summary>
    public static Dictionary<string, double> Average(IReadOnlyList<IReadOnlyDictionary<string, double>> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        if (sets.Count == 0)
        {
            return [];
        }

        var average = new Dictionary<string, double>();
        foreach (string metric in sets[0].Keys.Where(k => sets.All(s => s.ContainsKey(k))))
        {
            double sum = sets.Sum(s => s[metric]);
            average[metric] = metric == NamedMetrics.Rows ? sum : sum / sets.Count;
        }

        average["folds"] = sets.Count;
        return average;
    }

    internal static Dictionary<string, double> Evaluate(MLContext ml, ITransformer model, FeatureLayout layout, IDataView raw)
    {
        IDataView scored = model.Transform(LabelMapping.Apply(ml, layout, raw));
        switch (layout.Task)
        {
            case ModelTask.Binary:
                return ScoredSplit.Binary(scored).Named();
            case ModelTask.Multiclass:
                return ScoredSplit.Multiclass(scored).Named();
            default:
                return ScoredSplit.Regression(scored).Named();
        }
    }
}
