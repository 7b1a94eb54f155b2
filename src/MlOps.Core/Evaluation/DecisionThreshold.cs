using MlOps.Core.Evaluation.Metrics;
using MlOps.Core.Specs;

namespace MlOps.Core.Evaluation;

/// <summary>
/// Chooses a binary classifier's decision threshold from scored validation rows: the spec's fixed probability, or the
/// one that maximizes F1 or balanced accuracy there. Among thresholds that predict the same rows positive, the one
/// halfway to the next lower score is taken (the scores seen say nothing about where between them the line belongs);
/// among equally good ones, the highest.
/// </summary>
public static class DecisionThreshold
{
    /// <exception cref="ArgumentException">Empty or mismatched inputs, or probabilities outside [0, 1].</exception>
    public static double Choose(ThresholdSpec? spec, ReadOnlySpan<bool> labels, ReadOnlySpan<double> probabilities)
    {
        ThresholdSpec rule = spec ?? ThresholdSpec.Default;
        if (rule.Rule == ThresholdRule.Fixed)
        {
            return rule.Value;
        }

        InputGuard.NotEmpty(labels.Length, nameof(labels));
        InputGuard.SameLength(labels.Length, probabilities.Length, nameof(labels), nameof(probabilities));
        InputGuard.Probabilities(probabilities, nameof(probabilities));
        int positives = 0;
        foreach (bool label in labels)
        {
            positives += label ? 1 : 0;
        }

        int negatives = labels.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            // Nothing to trade off: with one class in the validation rows, any threshold looks as good as any other.
            return ThresholdSpec.Default.Value;
        }

        double[] scores = probabilities.ToArray();
        bool[] sorted = labels.ToArray();
        Array.Sort(scores, sorted);

        // Lower the line one distinct score at a time, from the highest; rows at the line count as positive.
        double best = double.NegativeInfinity;
        double threshold = ThresholdSpec.Default.Value;
        int truePositives = 0, falsePositives = 0;
        int end = scores.Length;
        while (end > 0)
        {
            double score = scores[end - 1];
            int start = end - 1;
            while (start > 0 && scores[start - 1] == score)
            {
                start--;
            }

            for (int i = start; i < end; i++)
            {
                if (sorted[i])
                {
                    truePositives++;
                }
                else
                {
                    falsePositives++;
                }
            }

            double value = rule.Rule == ThresholdRule.MaxF1
                ? 2.0 * truePositives / ((2.0 * truePositives) + falsePositives + (positives - truePositives))
                : (((double)truePositives / positives) + ((double)(negatives - falsePositives) / negatives)) / 2;
            if (value > best)
            {
                best = value;
                threshold = start > 0 ? (score + scores[start - 1]) / 2 : score;
            }

            end = start;
        }

        return threshold;
    }
}
