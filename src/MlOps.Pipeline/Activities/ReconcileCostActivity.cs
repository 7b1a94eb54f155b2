using Microsoft.DurableTask;
using MlOps.Core.Cost;
using MlOps.Core.Cost.Reconciliation;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Cost;

namespace MlOps.Pipeline.Activities;

/// <summary>Reconciles the ledger with the Azure figures and writes the daily reports; returns the day's summary.</summary>
public sealed class ReconcileCostActivity : MeteredActivity<CostReconcileInput, CostMonitorOutcome>
{
    private readonly CostMonitor _monitor;

    public ReconcileCostActivity(CostMonitor monitor, CostMeter cost)
        : base(cost) => _monitor = monitor;

    protected override CostAttribution Attribute(CostReconcileInput input) => CostUnits.Monitor(CostStages.PlatformModel, input.Monitor.MonitorId, "reconcile");

    protected override async Task<CostMonitorOutcome> ExecuteAsync(TaskActivityContext context, CostReconcileInput input)
    {
        DailyCostReport report = await _monitor.ReconcileAsync(
            input.Monitor.MonitorId, input.Monitor.ReportedDay(), input.AzureBlob).ConfigureAwait(false);
        return new CostMonitorOutcome
        {
            MonitorId = input.Monitor.MonitorId, Day = report.Day, ReportBlob = report.ReportBlob, Sources = report.Sources,
            Estimated = report.Totals.Estimated, Billed = report.Totals.Billed, Anomalies = report.Anomalies.Count,
        };
    }
}
