using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Alerts;
using MlOps.Core.AzureRest;
using MlOps.Core.Monitoring;
using MlOps.Core.Monitoring.Serving;
using MlOps.Core.Specs;
using MlOps.Testing;

namespace MlOps.Core.Tests.Monitoring.Serving;

/// <summary>
/// The serving-health monitor reading Azure Monitor through the Log Analytics query API on the loopback Azure
/// (documented request and answer shapes, a 429, a partial result, a query error), or the host's own figures without
/// a workspace; breaches raise one alert per window.
/// </summary>
public sealed class ServingHealthMonitorTests : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Workspace = "5e2d1c0b-0000-4000-8000-0000000000ef";
    private static readonly MonitoringWindow Window = new(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero));
    private static readonly ServingSpec Thresholds = new() { MaxErrorRate = 0.01, MaxP95Ms = 250, MinRequests = 100 };
    private readonly AzuriteFixture _azurite;
    private LoopbackAzure _azure = null!;

    public ServingHealthMonitorTests(AzuriteFixture azurite) => _azurite = azurite;

    public async Task InitializeAsync() => _azure = await LoopbackAzure.StartAsync();

    public async Task DisposeAsync() => await _azure.DisposeAsync();

    [Fact]
    public async Task MonitorAsync_WorkspaceConfigured_SendsTheNamedKqlForTheWindowAndAlertsOnTheBreach()
    {
        await using ServiceProvider services = await StartAsync(workspace: true);
        // v1 is within the thresholds; v2 fails 3% of 2,000 requests at a p95 of 412 ms; v3 has too few requests to judge.
        _azure.OnLogQuery((_, _, _) => Answer([1, 5000, 10, 12.5, 80.25, 140.0], [2, 2000, 60, 95.0, 412.0, 900.5], [3, 20, 10, null, null, null]));
        var monitor = services.GetRequiredService<ServingHealthMonitor>();

        ServingHealthCheck check = await monitor.MonitorAsync("bc", Window);

        RecordedRequest request = Assert.Single(_azure.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/loganalytics/v1/workspaces/{Workspace}/query", request.Path);
        Assert.Equal("Bearer " + RecordingTokenCredential.TokenFor("https://api.loganalytics.io/.default"), request.Authorization);
        JsonElement body = request.Json();
        Assert.Equal(ServingHealthQuery.For("bc"), body.GetProperty("query").GetString());
        Assert.Equal("2026-12-07T00:00:00Z/2026-12-08T00:00:00Z", body.GetProperty("timespan").GetString());

        ServingHealthReport report = Assert.IsType<ServingHealthReport>(check.Report);
        Assert.Null(check.SkippedBecause);
        Assert.Equal(ServingHealthMonitor.AzureMonitorSource, report.Source);
        Assert.Equal(Window, report.Window);
        Assert.Equal([1, 2, 3], report.Versions.Select(v => v.Version));
        ServingVersionHealth v2 = report.Versions[1];
        Assert.Equal((2000L, 60L, 95.0, 412.0, 900.5), (v2.Requests, v2.Errors, v2.P50Ms!.Value, v2.P95Ms!.Value, v2.P99Ms!.Value));
        Assert.Equal(0.03, v2.ErrorRate, 10);
        Assert.Null(report.Versions[2].P95Ms);
        Assert.Equal(
            ["v2: error rate 3.00 % (60 of 2000) is over monitoring.serving.maxErrorRate 1.00 %", "v2: p95 latency 412.0 ms is over monitoring.serving.maxP95Ms 250.0 ms"],
            report.Breaches);
        Assert.True(check.Breached);
        Assert.Null(report.Warning);

        await monitor.MonitorAsync("bc", Window); // a retried activity
        AlertRecord alert = Assert.Single(await services.GetRequiredService<AlertPublisher>().ListAsync("bc"));
        Assert.Equal(AlertKind.ServingHealth, alert.Kind);
        Assert.Equal("serving-" + Window.Id, alert.Id);
        Assert.Contains("v2: p95 latency 412.0 ms", alert.Message, StringComparison.Ordinal);
        Assert.Contains("azure-monitor", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonitorAsync_Throttled_WaitsAndReports()
    {
        await using ServiceProvider services = await StartAsync(workspace: true);
        _azure.OnLogQuery((_, _, _) => Answer([1, 500, 0, 10.0, 20.0, 30.0]));
        _azure.Throttle("/query", 2, ("Retry-After", "1"));

        ServingHealthCheck check = await services.GetRequiredService<ServingHealthMonitor>().MonitorAsync("bc", Window);

        Assert.Equal(3, _azure.Requests.Count);
        Assert.True(check.Report!.Healthy);
        Assert.Equal(500, Assert.Single(check.Report.Versions).Requests);
        Assert.Empty(await services.GetRequiredService<AlertPublisher>().ListAsync("bc"));
    }

    [Fact]
    public async Task MonitorAsync_PartialResult_JudgesWhatCameAndWarnsItMayBeIncomplete()
    {
        await using ServiceProvider services = await StartAsync(workspace: true);
        _azure.OnLogQuery((_, _, _) => LoopbackAzure.LogAnswer(
            [Table([1, 400, 40, 5.0, 9.0, 12.0])], LoopbackAzure.PartialError("Query execution has exceeded the allowed limits (80000000 rows).")));

        ServingHealthCheck check = await services.GetRequiredService<ServingHealthMonitor>().MonitorAsync("bc", Window);

        Assert.Contains("exceeded the allowed limits", check.Report!.Warning, StringComparison.Ordinal);
        Assert.Equal(["v1: error rate 10.00 % (40 of 400) is over monitoring.serving.maxErrorRate 1.00 %"], check.Report.Breaches);
        Assert.Single(await services.GetRequiredService<AlertPublisher>().ListAsync("bc"));
    }

    [Fact]
    public async Task MonitorAsync_QueryRejected_SkipsWithTheServiceErrorAndRaisesNoAlert()
    {
        await using ServiceProvider services = await StartAsync(workspace: true);
        _azure.Fail("/query", 403, "InsufficientAccessError", "The provided credentials have insufficient access to perform the requested operation");

        ServingHealthCheck check = await services.GetRequiredService<ServingHealthMonitor>().MonitorAsync("bc", Window);

        Assert.Null(check.Report);
        Assert.Contains("Log Analytics answered 403", check.SkippedBecause, StringComparison.Ordinal);
        Assert.Contains("InsufficientAccessError", check.SkippedBecause, StringComparison.Ordinal);
        Assert.Empty(await services.GetRequiredService<AlertPublisher>().ListAsync("bc"));
    }

    [Fact]
    public async Task CheckAsync_NoWorkspace_ReportsTheHostsOwnFiguresAndAsksAzureNothing()
    {
        await using ServiceProvider services = await StartAsync(workspace: false);
        var statistics = services.GetRequiredService<ServingStatistics>();
        for (int i = 0; i < 150; i++)
        {
            statistics.Record("bc", 4, serviceError: i < 3, milliseconds: 2);
        }

        ServingHealthReport report = (await services.GetRequiredService<ServingHealthMonitor>().CheckAsync("bc", DateTimeOffset.UtcNow.AddMinutes(1)))!;

        Assert.Equal(ServingHealthMonitor.HostSource, report.Source);
        ServingVersionHealth v4 = Assert.Single(report.Versions);
        Assert.Equal((4, 150L, 3L), (v4.Version, v4.Requests, v4.Errors));
        Assert.Equal(["v4: error rate 2.00 % (3 of 150) is over monitoring.serving.maxErrorRate 1.00 %"], report.Breaches);
        Assert.Empty(_azure.Requests);
    }

    private async Task<ServiceProvider> StartAsync(bool workspace)
    {
        var settings = new Dictionary<string, string?>(_azure.Settings);
        if (workspace)
        {
            settings[$"{ServingHealthOptions.SectionName}:{nameof(ServingHealthOptions.WorkspaceId)}"] = Workspace;
        }

        ServiceProvider services = await CoreServices.CreateAsync(_azurite.ConnectionString, settings, s => _azure.AddTo(s));
        await services.GetRequiredService<SpecStore>().SaveAsync(
            "bc", new PipelineSpec { Label = "diagnosis", Monitoring = new MonitoringSpec { Serving = Thresholds } }, "test");
        return services;
    }

    private static object Answer(params object?[][] rows) => LoopbackAzure.LogAnswer([Table(rows)]);

    // The columns in another order than the query projects them, as types Log Analytics names them.
    private static object Table(params object?[][] rows) => LoopbackAzure.LogTable(
        "PrimaryResult",
        [("p99", "real"), ("version", "int"), ("errors", "long"), ("requests", "long"), ("p50", "real"), ("p95", "real")],
        rows.Select(r => new[] { r[5], r[0], r[2], r[1], r[3], r[4] }));
}
