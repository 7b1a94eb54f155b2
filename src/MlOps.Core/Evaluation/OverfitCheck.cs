using MlOps.Core.Specs;

namespace MlOps.Core.Evaluation;

/// <summary>Compares a model's metrics on its training rows with those on the test split, on the spec's primary metric.</summary>
public static class OverfitCheck
{
    /// <param name="trainMetrics">The model's metrics on the rows it was fit on (<see cref="Training.CandidateResult.TrainMetrics"/>).</param>
    /// <param name="testMetrics">The same model's metrics on the test split.</param>
    /// <exception cref="ArgumentException">The primary metric is missing from either set.</exception>
    public static OverfitAssessment Assess(PipelineSpec spec, IReadOnlyDictionary<string, double> trainMetrics, IReadOnlyDictionary<string, double> testMetrics)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(trainMetrics);
        ArgumentNullException.ThrowIfNull(testMetrics);
        string metric = ChampionChallengerGate.PrimaryMetricFor(spec);
        if (!trainMetrics.TryGetValue(metric, out double train) || !testMetrics.TryGetValue(metric, out double test))
        {
            throw new ArgumentException($"The overfit check needs '{metric}' on both the training rows and the test split.");
        }

        return new OverfitAssessment(metric, train, test, MetricDirection.Improvement(metric, train, test), spec.Gates.MaxOverfitGap, spec.Gates.OverfitAction);
    }
}
