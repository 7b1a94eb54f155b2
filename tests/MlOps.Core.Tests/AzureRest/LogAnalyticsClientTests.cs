using System.Text.Json;
using MlOps.Core.AzureRest;
using MlOps.Testing;

namespace MlOps.Core.Tests.AzureRest;

/// <summary>The Log Analytics query client against the loopback Azure: tables, partial results, errors.</summary>
public sealed class LogAnalyticsClientTests : IAsyncLifetime
{
    private const string Workspace = "4f1c2d3e-0000-4000-8000-00000000abcd";
    private LoopbackAzure _azure = null!;

    public async Task InitializeAsync() => _azure = await LoopbackAzure.StartAsync();

    public async Task DisposeAsync() => await _azure.DisposeAsync();

    [Fact]
    public async Task QueryAsync_Tables_AreReadAndTheRequestIsTheDocumentedOne()
    {
        _azure.OnLogQuery((workspace, query, timespan) => LoopbackAzure.LogAnswer(
        [
            LoopbackAzure.LogTable("PrimaryResult", [("model", "string"), ("alerts", "long")], [["bc", 3], ["iris", 1]]),
        ]));
        var client = new LogAnalyticsClient(_azure.CreatePipelines());

        LogQueryResult result = await client.QueryAsync(Workspace, "traces | summarize alerts = count() by model", "PT1H");

        Assert.False(result.IsPartial);
        LogTable table = result.Primary;
        Assert.Equal("PrimaryResult", table.Name);
        Assert.Equal(["model", "alerts"], table.Columns.Select(c => c.Name));
        Assert.Equal("long", table.Columns[1].Type);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal("bc", table.Rows[0][table.IndexOf("model")].GetString());
        Assert.Equal(3, table.Rows[0][table.IndexOf("alerts")].GetInt64());

        RecordedRequest request = Assert.Single(_azure.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/loganalytics/v1/workspaces/{Workspace}/query", request.Path);
        Assert.Equal("Bearer " + RecordingTokenCredential.TokenFor("https://api.loganalytics.io/.default"), request.Authorization);
        JsonElement body = request.Json();
        Assert.Equal("traces | summarize alerts = count() by model", body.GetProperty("query").GetString());
        Assert.Equal("PT1H", body.GetProperty("timespan").GetString());
    }

    [Fact]
    public async Task QueryAsync_PartialError_KeepsTheTablesAndSaysWhatFailed()
    {
        _azure.OnLogQuery((_, _, _) => LoopbackAzure.LogAnswer(
            [LoopbackAzure.LogTable("PrimaryResult", [("n", "long")], [[1]])],
            LoopbackAzure.PartialError("Query result set has exceeded the internal data size limit 64000000 bytes.")));
        var client = new LogAnalyticsClient(_azure.CreatePipelines());

        LogQueryResult result = await client.QueryAsync(Workspace, "traces", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1));

        Assert.True(result.IsPartial);
        Assert.Contains("PartialError", result.PartialError, StringComparison.Ordinal);
        Assert.Contains("exceeded the internal data size limit", result.PartialError, StringComparison.Ordinal);
        Assert.Single(result.Primary.Rows);
        Assert.Equal("1970-01-01T00:00:00Z/1970-01-01T01:00:00Z", Assert.Single(_azure.Requests).Json().GetProperty("timespan").GetString());
    }

    [Fact]
    public async Task QueryAsync_BadQuery_FailsWithTheServiceMessage()
    {
        _azure.Fail("/query", 400, "BadArgumentError", "The request had some invalid properties: 'summarize' operator: Failed to resolve column 'model'.");
        var client = new LogAnalyticsClient(_azure.CreatePipelines());

        var error = await Assert.ThrowsAsync<AzureRestException>(() => client.QueryAsync(Workspace, "traces | summarize by model", "PT1H"));

        Assert.Equal(400, error.Status);
        Assert.Equal("BadArgumentError", error.ErrorCode);
        Assert.Contains("Log Analytics answered 400", error.Message, StringComparison.Ordinal);
        Assert.Contains("Failed to resolve column 'model'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_Throttled_RetriesAndSucceeds()
    {
        _azure.Throttle("/query", 1, ("Retry-After", "1"));
        var client = new LogAnalyticsClient(_azure.CreatePipelines());

        LogQueryResult result = await client.QueryAsync(Workspace, "traces | take 1", "PT1H");

        Assert.False(result.IsPartial);
        Assert.Equal(2, _azure.Requests.Count);
    }
}
