using Microsoft.DurableTask;
using MlOps.Core.Cost;
using MlOps.Core.Cost.Reconciliation;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Cost;

namespace MlOps.Pipeline.Activities;

/// <summary>Reads what Azure metered (Monitor Metrics) and billed (Cost Management) for the run's days into a blob.</summary>
public sealed class CollectAzureCostActivity : MeteredActivity<CostMonitorInput, AzureCostCollected>
{
    private readonly CostMonitor _monitor;

    public CollectAzureCostActivity(CostMonitor monitor, CostMeter cost)
        : base(cost) => _monitor = monitor;

    protected override CostAttribution Attribute(CostMonitorInput input) => CostUnits.Monitor(CostStages.PlatformModel, input.MonitorId, "azure-cost");

    protected override async Task<AzureCostCollected> ExecuteAsync(TaskActivityContext context, CostMonitorInput input) =>
        new() { Blob = await _monitor.CollectAzureAsync(input.MonitorId, input.ReportedDay()).ConfigureAwait(false) };
}
