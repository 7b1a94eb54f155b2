using System.Globalization;
using MlOps.Core.Evaluation.Metrics;
using MlOps.Core.Monitoring.Log;
using MlOps.Core.Specs;
using MlOps.Core.Training;

namespace MlOps.Core.Monitoring.Decay;

/// <summary>
/// The task's metrics over labelled live predictions, with our scikit-learn-exact metric code and the names the
/// evaluator gives test metrics (binary: auc, averagePrecision, logLoss, accuracy, balancedAccuracy, precision,
/// recall, f1, brier, at the version's decision threshold; multiclass: accuracy, balancedAccuracy, macroF1, and
/// logLoss when the log has every class's probability; regression: r2, rmse, mae), so live and test values compare
/// name by name.
/// </summary>
internal static class LiveMetrics
{
    /// <summary>Metrics of the usable rows, and how many rows were unusable.</summary>
    /// <param name="threshold">A binary version's decision threshold, which its threshold metrics were tested at.</param>
    public static (Dictionary<string, double> Metrics, long Unusable) Compute(FeatureLayout layout, IReadOnlyList<LabelledPrediction> rows, double threshold) => layout.Task switch
    {
        ModelTask.Binary => Binary(layout, rows, threshold),
        ModelTask.Multiclass => Multiclass(layout, rows),
        _ => Regression(rows),
    };

    private static (Dictionary<string, double>, long) Binary(FeatureLayout layout, IReadOnlyList<LabelledPrediction> rows, double threshold)
    {
        var labels = new List<bool>(rows.Count);
        var probabilities = new List<double>(rows.Count);
        foreach (LabelledPrediction row in rows)
        {
            if (layout.Classes.Contains(row.Label) && row.Prediction.Prediction.Probability is double p and >= 0 and <= 1)
            {
                labels.Add(row.Label == layout.PositiveClass);
                probabilities.Add(p);
            }
        }

        long unusable = rows.Count - labels.Count;
        if (labels.Count == 0)
        {
            return ([], unusable);
        }

        return (BinaryClassificationMetrics.Compute([.. labels], [.. probabilities], threshold).Named(), unusable);
    }

    /// <summary>
    /// Every class's probability when the log has them; otherwise a one-hot row for the predicted label, which gives
    /// the same accuracy and F1 (argmax) but no meaningful log loss, so log loss is then left out.
    /// </summary>
    private static (Dictionary<string, double>, long) Multiclass(FeatureLayout layout, IReadOnlyList<LabelledPrediction> rows)
    {
        IReadOnlyList<string> classes = layout.Classes;
        var labels = new List<int>(rows.Count);
        var probabilities = new List<double[]>(rows.Count);
        bool allProbabilities = true;
        foreach (LabelledPrediction row in rows)
        {
            int label = IndexOf(classes, row.Label);
            LoggedOutput output = row.Prediction.Prediction;
            double[]? vector = output.Probabilities is { } given && classes.All(given.ContainsKey)
                ? [.. classes.Select(c => given[c])]
                : OneHot(classes, output.Label);
            if (label < 0 || vector is null || vector.Any(p => !(p is >= 0 and <= 1)))
            {
                continue;
            }

            allProbabilities &= output.Probabilities is not null;
            labels.Add(label);
            probabilities.Add(vector);
        }

        long unusable = rows.Count - labels.Count;
        if (labels.Count == 0)
        {
            return ([], unusable);
        }

        Dictionary<string, double> metrics = MulticlassClassificationMetrics.Compute([.. labels], [.. probabilities]).Named();
        if (!allProbabilities)
        {
            metrics.Remove("logLoss"); // one-hot rows stand in for missing probabilities: no meaningful loss
        }

        return (metrics, unusable);
    }

    private static (Dictionary<string, double>, long) Regression(IReadOnlyList<LabelledPrediction> rows)
    {
        var actual = new List<double>(rows.Count);
        var predicted = new List<double>(rows.Count);
        foreach (LabelledPrediction row in rows)
        {
            double score = row.Prediction.Prediction.Score;
            if (double.TryParse(row.Label, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && double.IsFinite(score))
            {
                actual.Add(value);
                predicted.Add(score);
            }
        }

        long unusable = rows.Count - actual.Count;
        if (actual.Count == 0)
        {
            return ([], unusable);
        }

        return (RegressionMetrics.Compute([.. actual], [.. predicted]).Named(), unusable);
    }

    private static double[]? OneHot(IReadOnlyList<string> classes, string? predicted)
    {
        int index = predicted is null ? -1 : IndexOf(classes, predicted);
        if (index < 0)
        {
            return null;
        }

        double[] vector = new double[classes.Count];
        vector[index] = 1;
        return vector;
    }

    private static int IndexOf(IReadOnlyList<string> classes, string value)
    {
        for (int i = 0; i < classes.Count; i++)
        {
            if (classes[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
