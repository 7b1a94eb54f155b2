using System.Text.Json;
using MlOps.Core.Evaluation.Metrics;

namespace MlOps.Core.Tests.Evaluation.Metrics;

public sealed class MulticlassClassificationMetricsTests
{
    public static TheoryData<string, string> Cases =>
        MetricsVectors.CasesAndMetrics("multiclass", "accuracy", "balanced_accuracy", "micro_accuracy", "macro_accuracy", "log_loss", "macro_f1");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_ScikitLearnCase_MetricMatchesGoldenValue(string caseName, string metric)
    {
        (MulticlassMetrics metrics, JsonElement vector) = ComputeCase(caseName);

        double actual = metric switch
        {
            "accuracy" or "micro_accuracy" => metrics.Accuracy,
            "balanced_accuracy" or "macro_accuracy" => metrics.BalancedAccuracy,
            "log_loss" => metrics.LogLoss,
            "macro_f1" => metrics.MacroF1,
            _ => throw new ArgumentOutOfRangeException(nameof(metric)),
        };
        Assert.Equal(vector.GetProperty(metric).GetDouble(), actual, MetricsVectors.Tolerance);
    }

    [Fact]
    public void Compute_Multiclass4_ConfusionMatrixMatchesScikitLearn()
    {
        (MulticlassMetrics metrics, JsonElement vector) = ComputeCase("multiclass_4");

        int[][] expected = vector.GetProperty("confusion_matrix").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        Assert.Equal(expected, metrics.ConfusionMatrix);
        Assert.Equal(4, metrics.Classes);
    }

    [Fact]
    public void Compute_TiedTopProbabilities_PredictsFirstClass()
    {
        MulticlassMetrics metrics = MulticlassClassificationMetrics.Compute([1], [[0.4, 0.4, 0.2]]);

        Assert.Equal(1, metrics.ConfusionMatrix[1][0]);
        Assert.Equal(0.0, metrics.Accuracy);
    }

    [Fact]
    public void Compute_ClassNeverSeen_IsLeftOutOfMacroAverages()
    {
        // Class 2 is neither a label nor a prediction; class 1 is predicted once but never a label.
        MulticlassMetrics metrics = MulticlassClassificationMetrics.Compute(
            [0, 0, 0],
            [[0.8, 0.1, 0.1], [0.7, 0.2, 0.1], [0.3, 0.6, 0.1]]);

        Assert.Equal(2.0 / 3, metrics.BalancedAccuracy, 12);
        Assert.Equal((0.8 + 0.0) / 2, metrics.MacroF1, 12);
    }

    [Fact]
    public void Compute_RowsNotSummingToOne_LogLossUsesRenormalisedRows()
    {
        MulticlassMetrics metrics = MulticlassClassificationMetrics.Compute([0], [[0.5, 0.5, 0.5]]);

        Assert.Equal(Math.Log(3), metrics.LogLoss, 12);
    }

    [Fact]
    public void Compute_RaggedRows_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => MulticlassClassificationMetrics.Compute([0, 1], [[0.5, 0.5], [1.0]]));

        Assert.Contains("Row 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_LabelOutOfRange_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => MulticlassClassificationMetrics.Compute([2], [[0.5, 0.5]]));

        Assert.Equal("labels", error.ParamName);
    }

    [Fact]
    public void Compute_NaNProbability_ThrowsNamingTheCell()
    {
        var error = Assert.Throws<ArgumentException>(
            () => MulticlassClassificationMetrics.Compute([0, 1], [[0.5, 0.5], [double.NaN, 0.5]]));

        Assert.Contains("row 1, column 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_SingleClassColumn_Throws()
    {
        Assert.Throws<ArgumentException>(() => MulticlassClassificationMetrics.Compute([0], [[1.0]]));
    }

    [Fact]
    public void Compute_EmptyInputs_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => MulticlassClassificationMetrics.Compute([], []));

        Assert.Equal("labels", error.ParamName);
    }

    [Fact]
    public void Compute_MismatchedLengths_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => MulticlassClassificationMetrics.Compute([0, 1], [[0.5, 0.5]]));

        Assert.Equal("probabilities", error.ParamName);
    }

    [Fact]
    public void MulticlassMetrics_JsonRoundTrip_PreservesConfusionMatrix()
    {
        (MulticlassMetrics metrics, _) = ComputeCase("multiclass_4");

        MulticlassMetrics copy = JsonSerializer.Deserialize<MulticlassMetrics>(JsonSerializer.Serialize(metrics))!;

        Assert.Equal(metrics.ConfusionMatrix, copy.ConfusionMatrix);
        Assert.Equal(metrics with { ConfusionMatrix = copy.ConfusionMatrix }, copy);
    }

    private static (MulticlassMetrics Metrics, JsonElement Vector) ComputeCase(string caseName)
    {
        JsonElement vector = MetricsVectors.Case(caseName);
        double[][] probabilities = vector.GetProperty("y_proba").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        return (MulticlassClassificationMetrics.Compute(vector.Ints("y_true"), probabilities), vector);
    }
}
