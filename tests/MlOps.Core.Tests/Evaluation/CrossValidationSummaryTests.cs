using MlOps.Core.Evaluation;

namespace MlOps.Core.Tests.Evaluation;

public sealed class CrossValidationSummaryTests
{
    [Fact]
    public void Of_Folds_MeanAndPopulationStandardDeviationSumsRowsLeavesOutPartialMetrics()
    {
        CrossValidationSummary summary = CrossValidationSummary.Of(
        [
            new Dictionary<string, double> { ["auc"] = 0.8, ["rows"] = 10, ["threshold"] = 0.4, ["only"] = 1 },
            new Dictionary<string, double> { ["auc"] = 0.9, ["rows"] = 12, ["threshold"] = 0.4 },
            new Dictionary<string, double> { ["auc"] = 1.0, ["rows"] = 11, ["threshold"] = 0.4 },
        ]);

        Assert.Equal(3, summary.Folds);
        Assert.Equal(33, summary.Rows);
        Assert.Equal(0.9, summary.Metrics["auc"].Mean, 12);
        Assert.Equal(Math.Sqrt(0.02 / 3), summary.Metrics["auc"].StandardDeviation, 12); // numpy.std([0.8, 0.9, 1.0])
        Assert.Equal(["auc"], summary.Metrics.Keys);
        Assert.Equal(CrossValidationSummary.TrainAndValidation, summary.Covers);
    }

    [Fact]
    public void Means_RankingMetrics_WithRowsFoldsAndThreshold()
    {
        CrossValidationSummary summary = CrossValidationSummary.Of(
        [
            new Dictionary<string, double> { ["auc"] = 0.8, ["rows"] = 10 },
            new Dictionary<string, double> { ["auc"] = 0.9, ["rows"] = 12 },
        ]);

        Dictionary<string, double> means = summary.Means(threshold: 0.3);

        Assert.Equal(0.85, means["auc"], 12);
        Assert.Equal(22, means["rows"]);
        Assert.Equal(2, means["folds"]);
        Assert.Equal(0.3, means["threshold"]);
        Assert.False(summary.Means(threshold: null).ContainsKey("threshold"));
    }
}
