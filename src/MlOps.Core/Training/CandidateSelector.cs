using MlOps.Core.Evaluation;

namespace MlOps.Core.Training;

/// <summary>The fan-in rule: the best candidate by the selection metric, ties broken by a second one. Pure, so an orchestrator may call it.</summary>
public static class CandidateSelector
{
    // Metrics computed alike from the same rows are equal when they differ by rounding alone (fold means, for one).
    private const double RelativeTolerance = 1e-9;

    /// <summary>
    /// Among candidates that succeeded and have the selection metric, the one with the best value (lower wins for loss
    /// and error metrics). Candidates equal on it are told apart by <paramref name="tieBreakMetric"/> (for classifiers
    /// log loss: of two equally accurate models the better calibrated), and those equal on both go to the earlier
    /// candidate in the list. Null when none qualifies.
    /// </summary>
    public static CandidateResult? SelectBest(IEnumerable<CandidateResult> results, string selectionMetric, string? tieBreakMetric = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        CandidateResult? best = null;
        foreach (CandidateResult result in results)
        {
            if (result.Error is null
                && result.ValidationMetrics.ContainsKey(selectionMetric)
                && (best is null || Compare(result, best, selectionMetric, tieBreakMetric) > 0))
            {
                best = result;
            }
        }

        return best;
    }

    /// <summary>Positive when <paramref name="candidate"/> is better than <paramref name="best"/>, 0 when they are equal on both metrics.</summary>
    private static int Compare(CandidateResult candidate, CandidateResult best, string selectionMetric, string? tieBreakMetric)
    {
        int bySelection = Compare(selectionMetric, candidate.ValidationMetrics[selectionMetric], best.ValidationMetrics[selectionMetric]);
        if (bySelection != 0 || tieBreakMetric is null)
        {
            return bySelection;
        }

        return candidate.ValidationMetrics.TryGetValue(tieBreakMetric, out double value) && best.ValidationMetrics.TryGetValue(tieBreakMetric, out double reference)
            ? Compare(tieBreakMetric, value, reference)
            : 0;
    }

    private static int Compare(string metric, double value, double reference)
    {
        double improvement = MetricDirection.Improvement(metric, value, reference);
        double tolerance = RelativeTolerance * Math.Max(1, Math.Max(Math.Abs(value), Math.Abs(reference)));
        return improvement > tolerance ? 1 : improvement < -tolerance ? -1 : 0;
    }
}
