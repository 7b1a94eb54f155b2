using System.Text.Json;
using MlOps.Core.Evaluation.Metrics;

namespace MlOps.Core.Tests.Evaluation.Metrics;

public sealed class BinaryClassificationMetricsTests
{
    public static TheoryData<string, string> Cases => MetricsVectors.CasesAndMetrics(
        "binary", "auc", "average_precision", "log_loss", "accuracy_at_0_5", "precision_at_0_5", "recall_at_0_5", "f1_at_0_5", "brier",
        "balanced_accuracy_at_0_5");

    public static TheoryData<string, string> CasesAtLowerThreshold => MetricsVectors.CasesAndMetrics(
        "binary", "accuracy_at_0_3", "balanced_accuracy_at_0_3", "precision_at_0_3", "recall_at_0_3", "f1_at_0_3");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_ScikitLearnCase_MetricMatchesGoldenValue(string caseName, string metric)
    {
        JsonElement vector = MetricsVectors.Case(caseName);
        bool[] labels = vector.Ints("y_true").Select(y => y == 1).ToArray();

        BinaryMetrics metrics = BinaryClassificationMetrics.Compute(labels, vector.Doubles("y_score"));

        double? actual = metric switch
        {
            "auc" => metrics.Auc,
            "average_precision" => metrics.AveragePrecision,
            "log_loss" => metrics.LogLoss,
            "accuracy_at_0_5" => metrics.Accuracy,
            "precision_at_0_5" => metrics.Precision,
            "recall_at_0_5" => metrics.Recall,
            "f1_at_0_5" => metrics.F1,
            "brier" => metrics.Brier,
            "balanced_accuracy_at_0_5" => metrics.BalancedAccuracy,
            _ => throw new ArgumentOutOfRangeException(nameof(metric)),
        };
        Assert.NotNull(actual);
        Assert.Equal(vector.GetProperty(metric).GetDouble(), actual.Value, MetricsVectors.Tolerance);
    }

    [Theory]
    [MemberData(nameof(CasesAtLowerThreshold))]
    public void Compute_ThresholdBelowOneHalf_ThresholdMetricsMatchScikitLearn(string caseName, string metric)
    {
        JsonElement vector = MetricsVectors.Case(caseName);
        bool[] labels = vector.Ints("y_true").Select(y => y == 1).ToArray();

        BinaryMetrics metrics = BinaryClassificationMetrics.Compute(labels, vector.Doubles("y_score"), threshold: 0.3);

        double actual = metric switch
        {
            "accuracy_at_0_3" => metrics.Accuracy,
            "balanced_accuracy_at_0_3" => metrics.BalancedAccuracy,
            "precision_at_0_3" => metrics.Precision,
            "recall_at_0_3" => metrics.Recall,
            "f1_at_0_3" => metrics.F1,
            _ => throw new ArgumentOutOfRangeException(nameof(metric)),
        };
        Assert.Equal(vector.GetProperty(metric).GetDouble(), actual, 12);
        Assert.Equal(0.3, metrics.Threshold);
    }

    [Fact]
    public void Compute_OneClassInTheLabels_BalancedAccuracyIsThatClassRecall()
    {
        // scikit-learn averages the recall of the classes that occur in y_true only.
        Assert.Equal(0.5, BinaryClassificationMetrics.Compute([false, false], [0.2, 0.6]).BalancedAccuracy, 12);
        Assert.Equal(2.0 / 3, BinaryClassificationMetrics.Compute([true, true, true], [0.9, 0.4, 0.7]).BalancedAccuracy, 12);
    }

    [Fact]
    public void Compute_ScoreEqualToThreshold_CountsAsPositive()
    {
        BinaryMetrics metrics = BinaryClassificationMetrics.Compute([true, false], [0.5, 0.2]);

        Assert.Equal(1, metrics.TruePositives);
        Assert.Equal(1.0, metrics.Accuracy);
    }

    [Fact]
    public void Compute_AllScoresTied_AucIsOneHalf()
    {
        BinaryMetrics metrics = BinaryClassificationMetrics.Compute([true, false, true, false, false], [0.3, 0.3, 0.3, 0.3, 0.3]);

        Assert.Equal(0.5, metrics.Auc);
        Assert.Equal(0.4, metrics.AveragePrecision!.Value, 12);
    }

    [Fact]
    public void Compute_PerfectRanking_AucAndAveragePrecisionAreOne()
    {
        BinaryMetrics metrics = BinaryClassificationMetrics.Compute([false, true, false, true], [0.1, 0.9, 0.4, 0.6]);

        Assert.Equal(1.0, metrics.Auc);
        Assert.Equal(1.0, metrics.AveragePrecision);
    }

    [Fact]
    public void Compute_OnlyPositiveLabels_AucIsNullAndOtherMetricsDefined()
    {
        BinaryMetrics metrics = BinaryClassificationMetrics.Compute([true, true, true], [0.9, 0.4, 0.7]);

        Assert.Null(metrics.Auc);
        Assert.Equal(1.0, metrics.AveragePrecision);
        Assert.Equal(2.0 / 3, metrics.Recall, 12);
        Assert.True(double.IsFinite(metrics.LogLoss));
    }

    [Fact]
    public void Compute_OnlyNegativeLabels_AucAndAveragePrecisionAreNull()
    {
        BinaryMetrics metrics = BinaryClassificationMetrics.Compute([false, false], [0.2, 0.6]);

        Assert.Null(metrics.Auc);
        Assert.Null(metrics.AveragePrecision);
        Assert.Equal(0.0, metrics.Precision);
        Assert.Equal(0.0, metrics.Recall);
        Assert.Equal(0.0, metrics.F1);
    }

    [Fact]
    public void Compute_CertainWrongPrediction_LogLossIsClippedNotInfinite()
    {
        BinaryMetrics metrics = BinaryClassificationMetrics.Compute([true], [0.0]);

        Assert.Equal(-Math.Log(BinaryClassificationMetrics.LogLossEpsilon), metrics.LogLoss, 12);
    }

    [Fact]
    public void Compute_NaNProbability_ThrowsNamingTheIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => BinaryClassificationMetrics.Compute([true, false], [0.4, double.NaN]));

        Assert.Equal("probabilities", error.ParamName);
        Assert.Contains("index 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_ProbabilityAboveOne_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => BinaryClassificationMetrics.Compute([true], [1.5]));

        Assert.Contains("outside [0, 1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_EmptyInputs_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => BinaryClassificationMetrics.Compute([], []));

        Assert.Equal("labels", error.ParamName);
    }

    [Fact]
    public void Compute_MismatchedLengths_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => BinaryClassificationMetrics.Compute([true, false], [0.5]));

        Assert.Equal("probabilities", error.ParamName);
    }

    [Fact]
    public void Compute_NaNThreshold_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => BinaryClassificationMetrics.Compute([true], [0.5], double.NaN));

        Assert.Equal("threshold", error.ParamName);
    }

    [Fact]
    public void BinaryMetrics_JsonRoundTrip_PreservesValuesIncludingNull()
    {
        BinaryMetrics metrics = BinaryClassificationMetrics.Compute([true, true], [0.9, 0.3]);

        string json = JsonSerializer.Serialize(metrics);
        BinaryMetrics? copy = JsonSerializer.Deserialize<BinaryMetrics>(json);

        Assert.Equal(metrics, copy);
        Assert.Contains("\"Auc\":null", json, StringComparison.Ordinal);
    }
}
