using MlOps.Core.AzureRest;
using MlOps.Testing;

namespace MlOps.Core.Tests.AzureRest;

/// <summary>The Azure Monitor Metrics client against the loopback Azure: the Flex execution meters per hour.</summary>
public sealed class MonitorMetricsClientTests : IAsyncLifetime
{
    private const string App = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-mlops/providers/Microsoft.Web/sites/func-mlops";
    private static readonly DateTimeOffset Day = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private LoopbackAzure _azure = null!;

    public async Task InitializeAsync() => _azure = await LoopbackAzure.StartAsync();

    public async Task DisposeAsync() => await _azure.DisposeAsync();

    [Fact]
    public async Task GetFunctionExecutionAsync_HourlyUnits_AreGbSecondsAndTheRequestIsTheDocumentedOne()
    {
        _azure.AddMetric(App, MonitorMetricsClient.ExecutionUnits, Day.AddHours(3), 2_048_000); // 2 GB-s
        _azure.AddMetric(App, MonitorMetricsClient.ExecutionCount, Day.AddHours(3), 40);
        _azure.AddMetric(App, MonitorMetricsClient.ExecutionUnits, Day.AddHours(5), 512_000); // 0.5 GB-s
        var client = new MonitorMetricsClient(_azure.CreatePipelines());

        IReadOnlyList<FunctionExecutionHour> hours = await client.GetFunctionExecutionAsync(App, Day, Day.AddDays(1));

        Assert.Equal(24, hours.Count);
        Assert.Equal(2.0, hours.Single(h => h.Hour == Day.AddHours(3)).GbSeconds, 12);
        Assert.Equal(40, hours.Single(h => h.Hour == Day.AddHours(3)).Executions);
        Assert.Equal(0.5, hours.Single(h => h.Hour == Day.AddHours(5)).GbSeconds, 12);
        Assert.Equal(2.5, hours.Sum(h => h.GbSeconds), 12);

        RecordedRequest request = Assert.Single(_azure.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal(App + "/providers/Microsoft.Insights/metrics", request.Path);
        Assert.Equal("2023-10-01", request.Query("api-version"));
        Assert.Equal("OnDemandFunctionExecutionUnits,OnDemandFunctionExecutionCount", request.Query("metricnames"));
        Assert.Equal("Total", request.Query("aggregation"));
        Assert.Equal("PT1H", request.Query("interval"));
        Assert.Equal("2026-12-01T00:00:00Z/2026-12-02T00:00:00Z", request.Query("timespan"));
        Assert.Equal("Bearer " + RecordingTokenCredential.TokenFor("https://management.azure.com/.default"), request.Authorization);
    }

    [Fact]
    public async Task GetFunctionExecutionAsync_ThrottledWithRetryAfter_RetriesAndSucceeds()
    {
        _azure.AddMetric(App, MonitorMetricsClient.ExecutionUnits, Day, 1_024_000);
        _azure.Throttle("Microsoft.Insights/metrics", 1, ("Retry-After", "1"));
        var client = new MonitorMetricsClient(_azure.CreatePipelines());

        IReadOnlyList<FunctionExecutionHour> hours = await client.GetFunctionExecutionAsync(App, Day, Day.AddHours(1));

        Assert.Equal(1.0, Assert.Single(hours).GbSeconds, 12);
        Assert.Equal(2, _azure.Requests.Count);
    }

    [Fact]
    public async Task GetFunctionExecutionAsync_ResourceNotFound_FailsWithAzureCode()
    {
        _azure.Fail("Microsoft.Insights/metrics", 404, "ResourceNotFound", "The Resource 'Microsoft.Web/sites/func-mlops' under resource group 'rg-mlops' was not found.");
        var client = new MonitorMetricsClient(_azure.CreatePipelines());

        var error = await Assert.ThrowsAsync<AzureRestException>(() => client.GetFunctionExecutionAsync(App, Day, Day.AddHours(1)));

        Assert.Equal(404, error.Status);
        Assert.Equal("ResourceNotFound", error.ErrorCode);
        Assert.Contains("Azure Monitor Metrics answered 404", error.Message, StringComparison.Ordinal);
        Assert.Contains("was not found", error.Message, StringComparison.Ordinal);
    }
}
