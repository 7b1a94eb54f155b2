using System.Globalization;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Alerts;
using MlOps.Core.AzureRest;
using MlOps.Core.Cost;
using MlOps.Core.Cost.Reconciliation;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Orchestrations;
using MlOps.Testing;

namespace MlOps.Pipeline.Tests.Orchestrations;

/// <summary>
/// The cost monitor on the durable backend against the loopback Azure: Cost Management and Azure Monitor answer in
/// their documented shapes (a second page, a throttled first call), the ledger is reconciled from estimate to
/// metered to billed, and the one anomalous model-day raises exactly one alert, however often the monitor runs.
/// </summary>
public sealed class CostMonitorOrchestratorTests : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Scope = "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-mlops";
    private const string App = Scope + "/providers/Microsoft.Web/sites/func-mlops";
    private const string Account = Scope + "/providers/Microsoft.Storage/storageAccounts/stmlops";
    private const string Logs = Scope + "/providers/Microsoft.OperationalInsights/workspaces/log-mlops";
    private static readonly DateOnly Day = new(2026, 11, 10);
    private static readonly PriceSheet Prices = PriceSheetDefaults.ListPrices;
    private readonly AzuriteFixture _azurite;
    private LoopbackAzure _azure = null!;

    public CostMonitorOrchestratorTests(AzuriteFixture azurite) => _azurite = azurite;

    public async Task InitializeAsync() => _azure = await LoopbackAzure.StartAsync();

    public async Task DisposeAsync() => await _azure.DisposeAsync();

    [Fact]
    public async Task RunAsync_LedgerMetricsAndBill_ReconcilesEstimatedToBilledAndAlertsOnceForTheSpike()
    {
        await using PipelineHarness pipeline = await StartAsync();
        CostLedger ledger = pipeline.Services.GetRequiredService<CostLedger>();
        // Eight days: "iris" the same every day; "bc" 2 GB-s a day, then a day of 20 GB-s and 10,000 blob writes.
        for (DateOnly d = Day.AddDays(-7); d <= Day; d = d.AddDays(1))
        {
            bool spike = d == Day;
            await ledger.RecordAsync(Entry("bc", d, activeMs: spike ? 10_000 : 1_000, blobWrites: spike ? 10_000 : 0));
            await ledger.RecordAsync(Entry("iris", d, activeMs: 2_000, blobWrites: 10_000));

            // Azure: the app metered twice the GB-s the ledger measured, and billed twice the metered compute; the
            // storage account billed twice the ledger's storage estimate; the workspace is billed beside them.
            double ledgerGbSeconds = (spike ? 20 : 2) + 4;
            _azure.AddMetric(App, MonitorMetricsClient.ExecutionUnits, Hour(d, 9), 2 * ledgerGbSeconds * MonitorMetricsClient.MegabyteMillisecondsPerGbSecond);
            _azure.AddBilledCost(d, App, 2 * 2 * ledgerGbSeconds * Prices.FlexExecutionTime.UnitPrice);
            _azure.AddBilledCost(d, Account, 2 * 0.05 * (spike ? 2 : 1));
            _azure.AddBilledCost(d, Logs, 0.30);
        }

        _azure.CostRowsPerPage = 10; // 24 rows: three pages
        _azure.Throttle("Microsoft.CostManagement/query", 1, ("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "1"));

        CostMonitorOutcome outcome = await RunMonitorAsync(pipeline, "cost-monitor-test-1");

        Assert.Equal(["ledger", "metrics", "billing"], outcome.Sources);
        Assert.Equal(1, outcome.Anomalies);
        Assert.Equal(1, outcome.Alerts);
        DailyCostReport report = (await pipeline.Services.GetRequiredService<CostReportStore>().GetAsync("2026-11-10"))!;
        ModelDayCost bc = report.Models.Single(m => m.Model == "bc"), iris = report.Models.Single(m => m.Model == "iris");

        // Estimated: 20 GB-s and 10,000 writes at list price. Metered: compute doubled (metered 48 GB-s over 24
        // measured). Billed: metered compute times app bill over metered compute (2), storage times account bill over estimate (2).
        double bcCompute = 20 * Prices.FlexExecutionTime.UnitPrice, irisCompute = 4 * Prices.FlexExecutionTime.UnitPrice;
        Assert.Equal(bcCompute + Prices.FlexExecutions.UnitPrice + 0.05, bc.Total.Estimated, 9);
        Assert.Equal((2 * bcCompute) + 0.05, bc.Total.Metered!.Value, 6);
        Assert.Equal((2 * 2 * bcCompute) + 0.10, bc.Total.Billed!.Value, 6);
        Assert.Equal((2 * 2 * irisCompute) + 0.10, iris.Total.Billed!.Value, 6);
        Assert.Equal(bc.Total.Billed!.Value, bc.Stages["train"].Billed!.Value, 9);
        Assert.Equal(bc.Total.Billed!.Value, bc.Runs["bc-run-20261110"].Billed!.Value, 9);

        // The models share out exactly the app's and its storage account's bill; the workspace's is reported beside them.
        double appAndStorage = report.Azure!.Bills!.Where(b => b.Role != "other").Sum(b => b.Billed);
        Assert.Equal(appAndStorage, report.Models.Sum(m => m.Total.Billed!.Value), 9);
        Assert.Equal(appAndStorage + 0.30, report.Totals.Billed!.Value, 9);
        Assert.Equal("other", report.Azure.Bills!.Single(b => b.ResourceId.Contains("log-mlops", StringComparison.Ordinal)).Role);
        Assert.Equal(48, report.Azure.MeteredGbSeconds!.Value, 9);
        Assert.Equal(2, report.Azure.ComputeScale!.Value, 9);

        // The spike is bc's alone: iris costs the same every day.
        CostAnomaly anomaly = Assert.Single(report.Anomalies);
        Assert.Equal("bc", anomaly.Model);
        Assert.Equal(7, anomaly.BaselineDays);
        Assert.Equal(2 * 2 * 2 * Prices.FlexExecutionTime.UnitPrice, anomaly.BaselineMean, 9);

        // A second run (a retry, the next day's schedule, someone on demand) raises no second alert.
        await RunMonitorAsync(pipeline, "cost-monitor-test-2");
        AlertPublisher alerts = pipeline.Services.GetRequiredService<AlertPublisher>();
        AlertRecord alert = Assert.Single(await alerts.ListAsync("bc"), a => a.Kind == AlertKind.CostAnomaly);
        Assert.Contains("2026-11-10", alert.Message, StringComparison.Ordinal);
        Assert.Equal(report.ReportBlob, alert.Report);
        Assert.DoesNotContain(await alerts.ListAsync("iris"), a => a.Kind == AlertKind.CostAnomaly);

        // The calls Azure received: the resource group's cost query (three pages per run, one throttled call), the app's metrics.
        IReadOnlyList<RecordedRequest> queries = _azure.RequestsTo("Microsoft.CostManagement/query");
        Assert.Equal(7, queries.Count);
        Assert.All(queries, q => Assert.StartsWith(Scope + "/providers/", q.Path, StringComparison.Ordinal));
        Assert.Equal("2026-11-03T00:00:00Z", queries[0].Json().GetProperty("timePeriod").GetProperty("from").GetString());
        RecordedRequest metrics = _azure.RequestsTo("Microsoft.Insights/metrics")[0];
        Assert.Equal(App + "/providers/Microsoft.Insights/metrics", metrics.Path);
        Assert.Equal("2026-11-03T00:00:00Z/2026-11-11T00:00:00Z", metrics.Query("timespan"));
    }

    [Fact]
    public async Task RunAsync_CostManagementForbidden_ReportsMeteredFiguresAndSaysWhy()
    {
        await using PipelineHarness pipeline = await StartAsync();
        await pipeline.Services.GetRequiredService<CostLedger>().RecordAsync(Entry("bc", Day, activeMs: 1_000, blobWrites: 0));
        _azure.AddMetric(App, MonitorMetricsClient.ExecutionUnits, Hour(Day, 3), 2 * MonitorMetricsClient.MegabyteMillisecondsPerGbSecond);
        _azure.Fail("Microsoft.CostManagement/query", 403, "AuthorizationFailed", "The client does not have authorization to perform action 'Microsoft.CostManagement/query/action'.");

        CostMonitorOutcome outcome = await RunMonitorAsync(pipeline, "cost-monitor-forbidden");

        Assert.Equal(["ledger", "metrics"], outcome.Sources);
        DailyCostReport report = (await pipeline.Services.GetRequiredService<CostReportStore>().GetAsync("2026-11-10"))!;
        Assert.Null(report.Totals.Billed);
        Assert.Equal(2 * Prices.FlexExecutionTime.UnitPrice, report.Models.Single().Total.Metered!.Value, 9);
        string note = Assert.Single(report.Notes);
        Assert.Contains("Billed cost unavailable", note, StringComparison.Ordinal);
        Assert.Contains("403", note, StringComparison.Ordinal);
        Assert.Contains("AuthorizationFailed", note, StringComparison.Ordinal);
    }

    private Task<PipelineHarness> StartAsync()
    {
        var settings = new Dictionary<string, string?>(_azure.Settings)
        {
            ["CostMonitor:Scope"] = Scope,
            ["CostMonitor:FunctionAppResourceId"] = App,
            ["CostMonitor:StorageAccountResourceId"] = Account,
        };
        return PipelineHarness.StartAsync(_azurite.ConnectionString, settings: settings, services: s => _azure.AddTo(s));
    }

    private static async Task<CostMonitorOutcome> RunMonitorAsync(PipelineHarness pipeline, string id)
    {
        await pipeline.Client.ScheduleNewOrchestrationInstanceAsync(CostMonitorOrchestrator.Name, new CostMonitorInput { MonitorId = id, Day = "2026-11-10" },
            new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = id });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        OrchestrationMetadata done = await pipeline.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        return done.ReadOutputAs<CostMonitorOutcome>()!;
    }

    private static DateTimeOffset Hour(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    /// <summary>A training step's ledger row: <paramref name="activeMs"/> on a 2 GB instance, one execution, blob writes.</summary>
    private static CostLedgerEntry Entry(string model, DateOnly day, double activeMs, long blobWrites)
    {
        string runId = string.Create(CultureInfo.InvariantCulture, $"{model}-run-{day:yyyyMMdd}");
        var usage = new ResourceUsage
        {
            WallMs = activeMs, ActiveMs = activeMs, CpuMs = activeMs, PeakMemoryBytes = 300L << 20, Executions = 1,
            Storage = blobWrites == 0 ? [] : [new StorageOperations { Service = StorageService.Blob, Class = StorageOperationClass.Write, Count = blobWrites }],
        };
        var attribution = new CostAttribution { Id = $"{runId}|train|candidate-0000", Model = model, Kind = CostKind.Candidate, Stage = CostStages.Train, Unit = "LightGbm", RunId = runId, CandidateIndex = 0 };
        return CostLedgerEntry.For(attribution, usage, Prices, Hour(day, 12));
    }
}
