using System.Text.Json;
using MlOps.Core.Evaluation;
using MlOps.Core.Evaluation.Metrics;
using MlOps.Core.Specs;
using MlOps.Core.Tests.Evaluation.Metrics;

namespace MlOps.Core.Tests.Evaluation;

public sealed class DecisionThresholdTests
{
    public static TheoryData<string, ThresholdRule> CasesAndRules()
    {
        var data = new TheoryData<string, ThresholdRule>();
        foreach (string name in new[] { "binary_easy", "binary_hard", "binary_ties" })
        {
            data.Add(name, ThresholdRule.MaxF1);
            data.Add(name, ThresholdRule.Balanced);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CasesAndRules))]
    public void Choose_Rule_NoThresholdScoresHigherOnItsMetric(string caseName, ThresholdRule rule)
    {
        (bool[] labels, double[] scores) = Case(caseName);
        Func<double, double> metric = t => rule == ThresholdRule.MaxF1
            ? BinaryClassificationMetrics.Compute(labels, scores, t).F1
            : BinaryClassificationMetrics.Compute(labels, scores, t).BalancedAccuracy;

        double chosen = DecisionThreshold.Choose(new ThresholdSpec(rule), labels, scores);

        Assert.Equal(scores.Distinct().Max(metric), metric(chosen), 12);
    }

    [Fact]
    public void Choose_BestCutBetweenTwoScores_TakesTheMidpoint()
    {
        // Predicting 0.8 and 0.6 positive separates the classes; the line goes halfway between 0.6 and 0.3.
        double chosen = DecisionThreshold.Choose(new ThresholdSpec(ThresholdRule.MaxF1), [true, true, false, false], [0.8, 0.6, 0.3, 0.1]);

        Assert.Equal(0.45, chosen, 12);
    }

    [Fact]
    public void Choose_Fixed_ReturnsItsValueWithoutLookingAtTheRows()
    {
        Assert.Equal(0.2, DecisionThreshold.Choose(ThresholdSpec.Fixed(0.2), [], []));
        Assert.Equal(0.5, DecisionThreshold.Choose(null, [], []));
    }

    [Fact]
    public void Choose_OneClassInTheRows_KeepsOneHalf()
    {
        Assert.Equal(0.5, DecisionThreshold.Choose(new ThresholdSpec(ThresholdRule.MaxF1), [false, false, false], [0.1, 0.7, 0.3]));
    }

    private static (bool[] Labels, double[] Scores) Case(string name)
    {
        JsonElement vector = MetricsVectors.Case(name);
        return ([.. vector.Ints("y_true").Select(y => y == 1)], vector.Doubles("y_score"));
    }
}
