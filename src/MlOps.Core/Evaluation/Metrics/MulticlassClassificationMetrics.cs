using System.Globalization;

namespace MlOps.Core.Evaluation.Metrics;

/// <summary>
/// Computes <see cref="MulticlassMetrics"/> from class indices and per-class probabilities, agreeing with
/// scikit-learn 1.2 (accuracy_score, balanced_accuracy_score, log_loss, f1_score(average="macro"), confusion_matrix).
/// </summary>
public static class MulticlassClassificationMetrics
{
    /// <summary>Computes all multiclass metrics in one pass over the rows.</summary>
    /// <param name="labels">True class of each row, in [0, classes).</param>
    /// <param name="probabilities">One row per label, one column per class; every row has the same length (at least 2).</param>
    /// <exception cref="ArgumentException">Empty, ragged or mismatched inputs, labels out of range, NaN or out-of-range probabilities.</exception>
    public static MulticlassMetrics Compute(ReadOnlySpan<int> labels, double[][] probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        InputGuard.NotEmpty(labels.Length, nameof(labels));
        InputGuard.SameLength(labels.Length, probabilities.Length, nameof(labels), nameof(probabilities));
        int classes = probabilities[0]?.Length ?? 0;
        if (classes < 2)
        {
            throw new ArgumentException("Probabilities need at least two classes per row.", nameof(probabilities));
        }

        int[][] confusion = new int[classes][];
        for (int c = 0; c < classes; c++)
        {
            confusion[c] = new int[classes];
        }

        double logLoss = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double[] row = probabilities[i];
            if (row is null || row.Length != classes)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Row {i} has {row?.Length ?? 0} probabilities; expected {classes}."),
                    nameof(probabilities));
            }

            InputGuard.Probabilities(row, nameof(probabilities), i);
            int label = labels[i];
            if ((uint)label >= (uint)classes)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Label {label} at index {i} is not a class in [0, {classes})."),
                    nameof(labels));
            }

            int predicted = 0;
            double clippedSum = 0;
            for (int c = 0; c < classes; c++)
            {
                if (row[c] > row[predicted])
                {
                    predicted = c;
                }

                clippedSum += Clip(row[c]);
            }

            confusion[label][predicted]++;
            logLoss -= Math.Log(Clip(row[label]) / clippedSum);
        }

        return Summarise(confusion, labels.Length, logLoss / labels.Length);
    }

    private static double Clip(double p) =>
        Math.Clamp(p, BinaryClassificationMetrics.LogLossEpsilon, 1 - BinaryClassificationMetrics.LogLossEpsilon);

    private static MulticlassMetrics Summarise(int[][] confusion, int count, double logLoss)
    {
        int classes = confusion.Length;
        long correct = 0;
        double recallSum = 0, f1Sum = 0;
        int classesWithSupport = 0, classesSeen = 0;
        for (int c = 0; c < classes; c++)
        {
            long support = 0, predicted = 0;
            for (int other = 0; other < classes; other++)
            {
                support += confusion[c][other];
                predicted += confusion[other][c];
            }

            long hits = confusion[c][c];
            correct += hits;
            if (support > 0)
            {
                classesWithSupport++;
                recallSum += (double)hits / support;
            }

            // scikit-learn averages F1 over the labels seen in either y_true or y_pred.
            if (support + predicted > 0)
            {
                classesSeen++;
                f1Sum += BinaryClassificationMetrics.Ratio(2 * hits, support + predicted);
            }
        }

        return new MulticlassMetrics(
            Count: count,
            Classes: classes,
            Accuracy: (double)correct / count,
            BalancedAccuracy: recallSum / classesWithSupport,
            LogLoss: logLoss,
            MacroF1: f1Sum / classesSeen,
            ConfusionMatrix: confusion);
    }
}
