using System.Text.Json;
using MlOps.Core.Evaluation;
using MlOps.Core.Evaluation.Metrics;
using MlOps.Core.Specs;
using MlOps.Core.Tests.Evaluation.Metrics;

namespace MlOps.Core.Tests.Evaluation;

public sealed class DecisionThresholdTests
{
    public static TheoryData<string> BinaryCases => ["binary_easy", "binary_hard", "binary_ties"];

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public void Choose_MaxF1_NoThresholdGivesAHigherF1(string caseName)
    {
        (bool[] labels, double[] scores) = Case(caseName);

        double chosen = DecisionThreshold.Choose(new ThresholdSpec { Rule = ThresholdRule.MaxF1 }, labels, scores);

        double best = scores.Distinct().Max(t => BinaryClassificationMetrics.Compute(labels, scores, t).F1);
        Assert.Equal(best, BinaryClassificationMetrics.Compute(labels, scores, chosen).F1, 12);
    }

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public void Choose_Balanced_NoThresholdGivesAHigherBalancedAccuracy(string caseName)
    {
        (bool[] labels, double[] scores) = Case(caseName);

        double chosen = DecisionThreshold.Choose(new ThresholdSpec { Rule = ThresholdRule.Balanced }, labels, scores);

        double best = scores.Distinct().Max(t => BinaryClassificationMetrics.Compute(labels, scores, t).BalancedAccuracy);
        Assert.Equal(best, BinaryClassificationMetrics.Compute(labels, scores, chosen).BalancedAccuracy, 12);
    }

    [Fact]
    public void Choose_BestCutBetweenTwoScores_TakesTheMidpoint()
    {
        // Predicting 0.8 and 0.6 positive separates the classes; the line goes halfway between 0.6 and 0.3.
        double chosen = DecisionThreshold.Choose(new ThresholdSpec { Rule = ThresholdRule.MaxF1 }, [true, true, false, false], [0.8, 0.6, 0.3, 0.1]);

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
        Assert.Equal(0.5, DecisionThreshold.Choose(new ThresholdSpec { Rule = ThresholdRule.MaxF1 }, [false, false, false], [0.1, 0.7, 0.3]));
    }

    private static (bool[] Labels, double[] Scores) Case(string name)
    {
        JsonElement vector = MetricsVectors.Case(name);
        return ([.. vector.Ints("y_true").Select(y => y == 1)], vector.Doubles("y_score"));
    }
}
