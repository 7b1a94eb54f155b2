using MlOps.Core.Alerts;
using MlOps.Core.AzureRest;
using MlOps.Core.Monitoring.Serving;
using MlOps.Core.Telemetry;

namespace MlOps.Core.Tests.Monitoring.Serving;

public sealed class ServingHealthQueryTests
{
    [Fact]
    public void For_Model_ReadsTheExportedCounterAndPredictSpansByTheProductsDimensions()
    {
        string kql = ServingHealthQuery.For("bc");

        Assert.StartsWith("let model = \"bc\";", kql, StringComparison.Ordinal);
        Assert.Contains($"{ServingHealthQuery.MetricsTable}\n| where Name == \"{MlOpsMetrics.PredictionsName}\"", kql, StringComparison.Ordinal);
        Assert.Contains($"{ServingHealthQuery.SpansTable}\n| where Name == \"{MlOpsTracing.PredictSpanName}\"", kql, StringComparison.Ordinal);
        Assert.Contains($"tostring(Properties.{MlOpsTags.Model}) == model", kql, StringComparison.Ordinal);
        Assert.Contains($"toint(Properties.{MlOpsTags.Version})", kql, StringComparison.Ordinal);
        Assert.Contains("outcome !in (\"ok\", \"bad_request\", \"not_found\")", kql, StringComparison.Ordinal);
        Assert.Contains("percentilesw(DurationMs, ItemCount, 50, 95, 99)", kql, StringComparison.Ordinal);
        Assert.EndsWith("| project version, requests, errors, p50, p95, p99\n| order by version asc", kql, StringComparison.Ordinal);
    }

    [Fact]
    public void For_QuoteInName_IsEscapedInsideTheLiteral()
    {
        Assert.StartsWith("let model = \"a\\\"b\\\\c\";", ServingHealthQuery.For("a\"b\\c"), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnswerWithoutAColumn_FailsNamingWhatIsMissing()
    {
        var table = new LogTable("PrimaryResult", [new LogColumn("version", "int"), new LogColumn("requests", "long")], []);

        var error = Assert.Throws<AzureRestException>(() => ServingHealthQuery.Read(table));

        Assert.Contains("lacks the column(s) errors, p50, p95, p99", error.Message, StringComparison.Ordinal);
    }
}
