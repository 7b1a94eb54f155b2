namespace MlOps.Core.Evaluation.Metrics;

/// <summary>
/// Computes <see cref="BinaryMetrics"/> from labels and positive-class probabilities, agreeing with scikit-learn 1.2
/// (roc_auc_score, average_precision_score, log_loss, brier_score_loss, and the threshold metrics: accuracy_score,
/// precision_score, recall_score, f1_score, balanced_accuracy_score).
/// </summary>
public static class BinaryClassificationMetrics
{
    /// <summary>scikit-learn clips probabilities by the float64 machine epsilon (2^-52) before taking logs.</summary>
    internal const double LogLossEpsilon = 2.220446049250313e-16;

    /// <summary>Computes all binary metrics in one pass plus one sort for the ranking metrics.</summary>
    /// <param name="labels">True labels; true is the positive class.</param>
    /// <param name="probabilities">Predicted probability of the positive class, in [0, 1].</param>
    /// <param name="threshold">A row is predicted positive when its probability is at least this value.</param>
    /// <exception cref="ArgumentException">Empty or mismatched inputs, NaN or out-of-range probabilities.</exception>
    public static BinaryMetrics Compute(ReadOnlySpan<bool> labels, ReadOnlySpan<double> probabilities, double threshold = 0.5)
    {
        InputGuard.NotEmpty(labels.Length, nameof(labels));
        InputGuard.SameLength(labels.Length, probabilities.Length, nameof(labels), nameof(probabilities));
        InputGuard.Probabilities(probabilities, nameof(probabilities));
        if (!double.IsFinite(threshold))
        {
            throw new ArgumentException("The threshold must be a finite number.", nameof(threshold));
        }

        int truePositives = 0, falsePositives = 0, trueNegatives = 0, falseNegatives = 0;
        double logLoss = 0, brier = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            bool label = labels[i];
            double p = probabilities[i];
            bool predicted = p >= threshold;
            if (label)
            {
                if (predicted)
                {
                    truePositives++;
                }
                else
                {
                    falseNegatives++;
                }
            }
            else if (predicted)
            {
                falsePositives++;
            }
            else
            {
                trueNegatives++;
            }

            double clipped = Math.Clamp(p, LogLossEpsilon, 1 - LogLossEpsilon);
            logLoss -= Math.Log(label ? clipped : 1 - clipped);
            double error = (label ? 1.0 : 0.0) - p;
            brier += error * error;
        }

        int count = labels.Length;
        int positives = truePositives + falseNegatives;
        int negatives = count - positives;
        (double? auc, double? averagePrecision) = RankingMetrics(labels, probabilities, positives);
        return new BinaryMetrics(
            Count: count,
            Positives: positives,
            Auc: auc,
            AveragePrecision: averagePrecision,
            LogLoss: logLoss / count,
            Brier: brier / count,
            Threshold: threshold,
            TruePositives: truePositives,
            FalsePositives: falsePositives,
            TrueNegatives: trueNegatives,
            FalseNegatives: falseNegatives,
            Accuracy: (double)(truePositives + trueNegatives) / count,
            Precision: Ratio(truePositives, truePositives + falsePositives),
            Recall: Ratio(truePositives, positives),
            F1: Ratio(2 * truePositives, (2 * truePositives) + falsePositives + falseNegatives),
            BalancedAccuracy: BalancedAccuracy(truePositives, positives, trueNegatives, negatives));
    }

    internal static double Ratio(long numerator, long denominator) => denominator == 0 ? 0.0 : (double)numerator / denominator;

    /// <summary>scikit-learn averages the recall of the classes that occur in the labels; a class without rows has none.</summary>
    private static double BalancedAccuracy(int truePositives, int positives, int trueNegatives, int negatives) => (positives, negatives) switch
    {
        (0, _) => Ratio(trueNegatives, negatives),
        (_, 0) => Ratio(truePositives, positives),
        _ => (Ratio(truePositives, positives) + Ratio(trueNegatives, negatives)) / 2,
    };

    /// <summary>
    /// Walks the distinct scores from the highest down; rows with equal scores enter together, which is what makes
    /// ties count half for the AUC (trapezoid) and a single step for the average precision.
    /// </summary>
    private static (double? Auc, double? AveragePrecision) RankingMetrics(ReadOnlySpan<bool> labels, ReadOnlySpan<double> probabilities, int positives)
    {
        int count = labels.Length;
        int negatives = count - positives;
        if (positives == 0)
        {
            return (null, null);
        }

        double[] scores = probabilities.ToArray();
        bool[] sortedLabels = labels.ToArray();
        Array.Sort(scores, sortedLabels);

        // Twice the area under the unnormalised ROC staircase, in exact integer arithmetic.
        long doubleArea = 0;
        double averagePrecision = 0;
        long truePositives = 0, falsePositives = 0;
        int end = count;
        while (end > 0)
        {
            double score = scores[end - 1];
            int start = end - 1;
            while (start > 0 && scores[start - 1] == score)
            {
                start--;
            }

            long groupPositives = 0;
            for (int i = start; i < end; i++)
            {
                if (sortedLabels[i])
                {
                    groupPositives++;
                }
            }

            long groupNegatives = end - start - groupPositives;
            doubleArea += groupNegatives * ((2 * truePositives) + groupPositives);
            truePositives += groupPositives;
            falsePositives += groupNegatives;
            if (groupPositives > 0)
            {
                averagePrecision += (double)groupPositives / positives * truePositives / (truePositives + falsePositives);
            }

            end = start;
        }

        double? auc = negatives == 0 ? null : doubleArea / (2.0 * positives * negatives);
        return (auc, averagePrecision);
    }
}
