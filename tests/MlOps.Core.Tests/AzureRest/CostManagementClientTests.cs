using System.Text.Json;
using MlOps.Core.AzureRest;
using MlOps.Testing;

namespace MlOps.Core.Tests.AzureRest;

/// <summary>The Cost Management query client against the loopback Azure: request shape, paging, throttling, errors.</summary>
public sealed class CostManagementClientTests : IAsyncLifetime
{
    private const string Scope = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-mlops";
    private const string App = Scope + "/providers/Microsoft.Web/sites/func-mlops";
    private const string Account = Scope + "/providers/Microsoft.Storage/storageAccounts/stmlops";
    private LoopbackAzure _azure = null!;

    public async Task InitializeAsync() => _azure = await LoopbackAzure.StartAsync();

    public async Task DisposeAsync() => await _azure.DisposeAsync();

    [Fact]
    public async Task QueryDailyCostByResourceAsync_TwoPages_ReadsEveryRowAndPostsTheDocumentedQuery()
    {
        _azure.CostRowsPerPage = 2;
        _azure.AddBilledCost(new DateOnly(2026, 12, 1), App, 2.10);
        _azure.AddBilledCost(new DateOnly(2026, 12, 1), Account, 0.05);
        _azure.AddBilledCost(new DateOnly(2026, 12, 2), App, 1.25);
        _azure.AddBilledCost(new DateOnly(2026, 12, 9), App, 9.99); // outside the period
        var client = new CostManagementClient(_azure.CreatePipelines());

        IReadOnlyList<BilledCost> costs = await client.QueryDailyCostByResourceAsync(Scope, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 2));

        Assert.Equal(3, costs.Count);
        Assert.Equal(2.10, costs.Single(c => c.Day == new DateOnly(2026, 12, 1) && c.ResourceId.EndsWith("func-mlops", StringComparison.Ordinal)).Cost);
        Assert.Equal(1.25, costs.Single(c => c.Day == new DateOnly(2026, 12, 2)).Cost);
        Assert.All(costs, c => Assert.Equal("USD", c.Currency));

        IReadOnlyList<RecordedRequest> requests = _azure.RequestsTo("Microsoft.CostManagement/query");
        Assert.Equal(2, requests.Count);
        RecordedRequest first = requests[0];
        Assert.Equal("POST", first.Method);
        Assert.Equal(Scope + "/providers/Microsoft.CostManagement/query", first.Path);
        Assert.Equal("2023-03-01", first.Query("api-version"));
        Assert.Equal("Bearer " + RecordingTokenCredential.TokenFor("https://management.azure.com/.default"), first.Authorization);
        JsonElement body = first.Json();
        Assert.Equal("ActualCost", body.GetProperty("type").GetString());
        Assert.Equal("Custom", body.GetProperty("timeframe").GetString());
        Assert.Equal("2026-12-01T00:00:00Z", body.GetProperty("timePeriod").GetProperty("from").GetString());
        Assert.Equal("2026-12-02T23:59:59Z", body.GetProperty("timePeriod").GetProperty("to").GetString());
        JsonElement dataset = body.GetProperty("dataset");
        Assert.Equal("Daily", dataset.GetProperty("granularity").GetString());
        Assert.Equal("Sum", dataset.GetProperty("aggregation").GetProperty("totalCost").GetProperty("function").GetString());
        Assert.Equal("ResourceId", dataset.GetProperty("grouping")[0].GetProperty("name").GetString());

        // The second page is the nextLink, posted with the same body.
        Assert.Equal("2", requests[1].Query("$skiptoken"));
        Assert.Equal(first.Body, requests[1].Body);
    }

    [Fact]
    public async Task QueryDailyCostByResourceAsync_ThrottledWithQpuRetryAfter_RetriesAndSucceeds()
    {
        _azure.AddBilledCost(new DateOnly(2026, 12, 1), App, 2.10);
        _azure.Throttle("Microsoft.CostManagement/query", 1, ("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "1"));
        var client = new CostManagementClient(_azure.CreatePipelines());

        IReadOnlyList<BilledCost> costs = await client.QueryDailyCostByResourceAsync(Scope, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1));

        Assert.Equal(2.10, Assert.Single(costs).Cost);
        Assert.Equal(2, _azure.RequestsTo("Microsoft.CostManagement/query").Count);
    }

    [Fact]
    public async Task QueryDailyCostByResourceAsync_ThrottledBeyondRetries_FailsNamingTheThrottleAndTheWait()
    {
        _azure.Throttle("Microsoft.CostManagement/query", 5, ("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "1"));
        var client = new CostManagementClient(_azure.CreatePipelines(_azure.Options(maxRetries: 1)));

        var error = await Assert.ThrowsAsync<AzureRestException>(() => client.QueryDailyCostByResourceAsync(Scope, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1)));

        Assert.Equal(429, error.Status);
        Assert.Equal("TooManyRequests", error.ErrorCode);
        Assert.Contains("throttled", error.Message, StringComparison.Ordinal);
        Assert.Contains("asked to wait 1 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _azure.RequestsTo("Microsoft.CostManagement/query").Count);
    }

    [Fact]
    public async Task QueryDailyCostByResourceAsync_ErrorBody_FailsWithStatusCodeAndAzureMessage()
    {
        _azure.Fail("Microsoft.CostManagement/query", 403, "AuthorizationFailed", "The client does not have authorization to perform action 'Microsoft.CostManagement/query/action'.");
        var client = new CostManagementClient(_azure.CreatePipelines());

        var error = await Assert.ThrowsAsync<AzureRestException>(() => client.QueryDailyCostByResourceAsync(Scope, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1)));

        Assert.Equal(403, error.Status);
        Assert.Equal("AuthorizationFailed", error.ErrorCode);
        Assert.Equal("Cost Management", error.Service);
        Assert.Contains("Cost Management answered 403", error.Message, StringComparison.Ordinal);
        Assert.Contains("Microsoft.CostManagement/query/action", error.Message, StringComparison.Ordinal);
        Assert.Single(_azure.RequestsTo("Microsoft.CostManagement/query")); // a 403 is not retried
    }

    [Fact]
    public async Task QueryDailyCostByResourceAsync_PeriodEndsBeforeItStarts_Throws()
    {
        var client = new CostManagementClient(_azure.CreatePipelines());
        await Assert.ThrowsAsync<ArgumentException>(() => client.QueryDailyCostByResourceAsync(Scope, new DateOnly(2026, 12, 2), new DateOnly(2026, 12, 1)));
        Assert.Empty(_azure.Requests);
    }
}
