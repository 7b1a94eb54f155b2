using MlOps.Core.Evaluation.Metrics;
using MlOps.Core.Registry;
using MlOps.Core.Runs;
using MlOps.Core.Serialization;
using MlOps.Core.Specs;

namespace MlOps.Core.Tests.Evaluation.Metrics;

public sealed class MetricNamesTests
{
    [Fact]
    public void For_EveryTask_SharedMetricsHaveOneName()
    {
        Assert.Contains("accuracy", MetricNames.For(ModelTask.Binary));
        Assert.Contains("accuracy", MetricNames.For(ModelTask.Multiclass));
        Assert.Contains("balancedAccuracy", MetricNames.For(ModelTask.Binary));
        Assert.Contains("balancedAccuracy", MetricNames.For(ModelTask.Multiclass));
        Assert.Contains("logLoss", MetricNames.For(ModelTask.Binary));
        Assert.Contains("logLoss", MetricNames.For(ModelTask.Multiclass));
        Assert.DoesNotContain(MetricNames.For(ModelTask.Multiclass), n => n.Contains("Accuracy", StringComparison.Ordinal) && n != "balancedAccuracy");
    }

    [Theory]
    [InlineData(ModelTask.Binary, "auc", "logLoss")]
    [InlineData(ModelTask.Binary, "logLoss", "auc")]
    [InlineData(ModelTask.Multiclass, "balancedAccuracy", "logLoss")]
    [InlineData(ModelTask.Multiclass, "logLoss", "balancedAccuracy")]
    [InlineData(ModelTask.Regression, "r2", "mae")]
    [InlineData(ModelTask.Regression, "mae", "rmse")]
    public void TieBreakerFor_Selection_IsAnotherMetricOfTheTask(ModelTask task, string selection, string expected)
    {
        string tieBreaker = MetricNames.TieBreakerFor(task, selection);

        Assert.Equal(expected, tieBreaker);
        Assert.Contains(tieBreaker, MetricNames.For(task));
    }

    [Fact]
    public void StoredRecords_EarlierMulticlassNames_ReadUnderTodays()
    {
        const string Metrics = """{"microAccuracy": 0.9, "macroAccuracy": 0.8, "logLoss": 0.3}""";

        var version = JsonDefaults.Deserialize<ModelVersionRecord>($$"""
            {"model": "m", "runId": "r", "artifactPath": "a", "sha256": "s", "trainer": "LightGbm", "layout": {"task": "multiclass", "label": "y", "columns": ["x", "y"], "numericFeatures": ["x"]}, "metrics": {{Metrics}}}
            """);
        var run = JsonDefaults.Deserialize<RunRecord>($$"""{"runId": "r", "model": "m", "datasetBlob": "m/d.csv", "metrics": {{Metrics}}}""");

        Assert.Equal(0.9, version.Metrics["accuracy"]);
        Assert.Equal(0.8, version.Metrics["balancedAccuracy"]);
        Assert.False(version.Metrics.ContainsKey("microAccuracy"));
        Assert.Null(version.Threshold);
        Assert.Equal(0.5, version.DecisionThreshold);
        Assert.Equal(0.8, run.Metrics!["balancedAccuracy"]);
    }
}
