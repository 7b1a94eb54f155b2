using MlOps.Core.AzureRest;
using MlOps.Core.Cost;
using MlOps.Core.Cost.Reconciliation;
using MlOps.Core.Specs;

namespace MlOps.Core.Tests.Cost.Reconciliation;

public class CostReconcilerTests
{
    private static readonly PriceSheet Prices = PriceSheetDefaults.ListPrices;
    private static readonly DateTimeOffset Noon = new(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reconcile_NoAzure_ReportsTheLedgerAloneInTheSameShape()
    {
        CostLedgerEntry[] entries = [Entry("bc", "run-1", 1_000), Entry("bc", "run-2", 3_000), Entry(CostStages.PlatformModel, null, 500)];

        DailyCostReport report = CostReconciler.Reconcile("2026-11-10", entries, azure: null, new CostMonitorOptions(), "m1", Noon.AddDays(1), "USD");

        Assert.Equal(["ledger"], report.Sources);
        Assert.Null(report.Azure);
        Assert.Null(report.Totals.Metered);
        Assert.Null(report.Totals.Billed);
        Assert.Equal(entries.Sum(e => e.Cost.Total), report.Totals.Estimated, 12);
        ModelDayCost bc = report.Models.Single(m => m.Model == "bc");
        Assert.Equal(bc.Total.Estimated, bc.Total.Cost);
        Assert.Equal(entries[1].Cost.Total, bc.Runs["run-2"].Estimated, 12);
        Assert.False(report.Partial);
        Assert.Equal([Prices.Version], report.PriceSheetVersions);
    }

    [Fact]
    public void Reconcile_MeteredButNotYetBilled_ScalesComputeAndSaysBillingIsLate()
    {
        CostLedgerEntry entry = Entry("bc", "run-1", 1_000);
        var azure = new AzureCostSnapshot
        {
            From = "2026-11-10", To = "2026-11-10", Billed = [],
            Metered = [new FunctionExecutionHour(Noon, GbSeconds: 6, Executions: 3)],
        };

        DailyCostReport report = CostReconciler.Reconcile("2026-11-10", [entry], azure, new CostMonitorOptions(), "m1", Noon, "USD");

        Assert.Equal(["ledger", "metrics"], report.Sources);
        Assert.True(report.Partial);
        Assert.Equal(3, report.Azure!.ComputeScale!.Value, 12); // 6 metered GB-s over 2 measured
        Assert.Equal((3 * entry.Cost.Compute) + (3 * entry.Cost.Executions), report.Models.Single().Total.Metered!.Value, 12);
        Assert.Null(report.Totals.Billed);
        Assert.Contains("no cost for this day yet", Assert.Single(report.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_ModelWithoutHistory_IsNoAnomaly()
    {
        DailyCostReport today = Report("2026-11-10", ("new", 5.0), ("old", 2.0));
        var reports = new Dictionary<string, DailyCostReport> { ["2026-11-09"] = Report("2026-11-09", ("old", 1.0)) };

        IReadOnlyList<CostAnomaly> anomalies = CostAnomalyDetector.Detect(today, reports, _ => new CostMonitoringSpec { BaselineDays = 2, AnomalyThreshold = 1.0 });

        // old: mean of (1.0, 0) = 0.5; 2.0 is more than twice that. new: no history, no baseline.
        CostAnomaly anomaly = Assert.Single(anomalies);
        Assert.Equal("old", anomaly.Model);
        Assert.Equal(0.5, anomaly.BaselineMean);
        Assert.Equal(4.0, anomaly.Ratio);
    }

    [Fact]
    public void Detect_CostAtTheThreshold_IsNoAnomaly()
    {
        DailyCostReport today = Report("2026-11-10", ("bc", 1.5));
        var reports = new Dictionary<string, DailyCostReport> { ["2026-11-09"] = Report("2026-11-09", ("bc", 1.0)) };

        Assert.Empty(CostAnomalyDetector.Detect(today, reports, _ => new CostMonitoringSpec { BaselineDays = 1, AnomalyThreshold = 0.5 }));
        Assert.Single(CostAnomalyDetector.Detect(today with { Models = [Model("bc", 1.51)] }, reports, _ => new CostMonitoringSpec { BaselineDays = 1, AnomalyThreshold = 0.5 }));
    }

    private static DailyCostReport Report(string day, params (string Model, double Cost)[] models) =>
        new() { Day = day, MonitorId = "m", Models = [.. models.Select(m => Model(m.Model, m.Cost))] };

    private static ModelDayCost Model(string model, double cost) => new() { Model = model, Total = new CostFigures { Estimated = cost } };

    private static CostLedgerEntry Entry(string model, string? runId, double activeMs) => CostLedgerEntry.For(
        new CostAttribution { Id = $"{model}|{runId}|{activeMs}", Model = model, Kind = CostKind.RunStep, Stage = CostStages.Ingest, Unit = "IngestActivity", RunId = runId },
        new ResourceUsage { WallMs = activeMs, ActiveMs = activeMs, Executions = 1 },
        Prices,
        Noon);
}
