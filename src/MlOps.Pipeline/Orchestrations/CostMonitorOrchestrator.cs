using Microsoft.DurableTask;
using MlOps.Pipeline.Activities;
using MlOps.Pipeline.Contracts;

namespace MlOps.Pipeline.Orchestrations;

/// <summary>
/// One cost monitor run for a day: refresh the list prices when due, read what Azure metered and billed (nothing on a host without Azure), reconcile
/// the ledger with it into daily reports, raise the day's anomaly alerts. The steps pass blob names, not figures.
/// </summary>
public sealed class CostMonitorOrchestrator : TaskOrchestrator<CostMonitorInput, CostMonitorOutcome>
{
    public const string Name = nameof(CostMonitorOrchestrator);

    private static readonly TaskOptions Retry = ActivityRetry.Transient;

    public override async Task<CostMonitorOutcome> RunAsync(TaskOrchestrationContext context, CostMonitorInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        string? prices = await context.CallActivityAsync<string?>(nameof(RefreshPriceSheetActivity), input, Retry);
        AzureCostCollected azure = await context.CallActivityAsync<AzureCostCollected>(nameof(CollectAzureCostActivity), input, Retry);
        CostMonitorOutcome outcome = await context.CallActivityAsync<CostMonitorOutcome>(
            nameof(ReconcileCostActivity), new CostReconcileInput { Monitor = input, AzureBlob = azure.Blob }, Retry);
        int alerts = await context.CallActivityAsync<int>(nameof(RaiseCostAnomaliesActivity), input, Retry);
        return outcome with { Alerts = alerts, PriceListRefreshed = prices };
    }
}
