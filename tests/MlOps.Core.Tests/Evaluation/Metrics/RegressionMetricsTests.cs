using System.Text.Json;
using MlOps.Core.Evaluation.Metrics;

namespace MlOps.Core.Tests.Evaluation.Metrics;

public sealed class RegressionMetricsTests
{
    public static TheoryData<string, string> Cases => MetricsVectors.CasesAndMetrics("regression", "rmse", "mae", "r2");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_ScikitLearnCase_MetricMatchesGoldenValue(string caseName, string metric)
    {
        JsonElement vector = MetricsVectors.Case(caseName);

        RegressionMetricSet metrics = RegressionMetrics.Compute(vector.Doubles("y_true"), vector.Doubles("y_pred"));

        double actual = metric switch
        {
            "rmse" => metrics.Rmse,
            "mae" => metrics.Mae,
            "r2" => metrics.R2,
            _ => throw new ArgumentOutOfRangeException(nameof(metric)),
        };
        Assert.Equal(vector.GetProperty(metric).GetDouble(), actual, MetricsVectors.Tolerance);
    }

    [Fact]
    public void Compute_ConstantActualPerfectPrediction_R2IsOne()
    {
        RegressionMetricSet metrics = RegressionMetrics.Compute([2.0, 2.0], [2.0, 2.0]);

        Assert.Equal(1.0, metrics.R2);
        Assert.Equal(0.0, metrics.Rmse);
    }

    [Fact]
    public void Compute_ConstantActualImperfectPrediction_R2IsZero()
    {
        RegressionMetricSet metrics = RegressionMetrics.Compute([2.0, 2.0], [1.0, 3.0]);

        Assert.Equal(0.0, metrics.R2);
        Assert.Equal(1.0, metrics.Mae);
    }

    [Fact]
    public void Compute_NaNPrediction_ThrowsNamingTheIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([1.0, 2.0], [1.0, double.NaN]));

        Assert.Equal("predicted", error.ParamName);
        Assert.Contains("index 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_InfiniteActual_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([double.PositiveInfinity], [1.0]));

        Assert.Equal("actual", error.ParamName);
    }

    [Fact]
    public void Compute_EmptyInputs_Throws()
    {
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([], []));
    }

    [Fact]
    public void Compute_MismatchedLengths_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([1.0, 2.0], [1.0]));

        Assert.Equal("predicted", error.ParamName);
    }

    [Fact]
    public void RegressionMetricSet_JsonRoundTrip_PreservesValues()
    {
        RegressionMetricSet metrics = RegressionMetrics.Compute([1.0, 2.0, 4.0], [1.5, 2.0, 3.0]);

        Assert.Equal(metrics, JsonSerializer.Deserialize<RegressionMetricSet>(JsonSerializer.Serialize(metrics)));
    }
}
