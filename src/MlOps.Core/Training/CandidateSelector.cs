using MlOps.Core.Evaluation;

namespace MlOps.Core.Training;

/// <summary>The fan-in rule: the best candidate by the primary ranking metric. Pure, so an orchestrator may call it.</summary>
public static class CandidateSelector
{
    /// <summary>
    /// Among candidates that succeeded and have the metric, the one with the best value (lower wins for loss and
    /// error metrics); ties go to the earlier candidate in the list. Null when none qualifies.
    /// </summary>
    public static CandidateResult? SelectBest(IEnumerable<CandidateResult> results, string primaryMetric)
    {
        ArgumentNullException.ThrowIfNull(results);
        CandidateResult? best = null;
        foreach (CandidateResult result in results)
        {
            if (result.Error is null
                && result.ValidationMetrics.TryGetValue(primaryMetric, out double value)
                && (best is null || MetricDirection.Improvement(primaryMetric, value, best.ValidationMetrics[primaryMetric]) > 0))
            {
                best = result;
            }
        }

        return best;
    }
}
