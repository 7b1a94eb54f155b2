using Microsoft.DurableTask;
using MlOps.Core.Cost;
using MlOps.Core.Cost.Reconciliation;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Cost;

namespace MlOps.Pipeline.Activities;

/// <summary>Raises one alert per anomalous model-day of the day's report (idempotent: alerts are keyed by model and day).</summary>
public sealed class RaiseCostAnomaliesActivity : MeteredActivity<CostMonitorInput, int>
{
    private readonly CostMonitor _monitor;

    public RaiseCostAnomaliesActivity(CostMonitor monitor, CostMeter cost)
        : base(cost) => _monitor = monitor;

    protected override CostAttribution Attribute(CostMonitorInput input) => CostUnits.Monitor(CostStages.PlatformModel, input.MonitorId, "anomalies");

    protected override Task<int> ExecuteAsync(TaskActivityContext context, CostMonitorInput input) =>
        _monitor.RaiseAnomalyAlertsAsync(input.ReportedDay());
}
