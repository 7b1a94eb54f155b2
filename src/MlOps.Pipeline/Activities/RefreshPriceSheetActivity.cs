using Microsoft.DurableTask;
using MlOps.Core.Cost;
using MlOps.Core.Cost.Pricing;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Cost;

namespace MlOps.Pipeline.Activities;

/// <summary>Refreshes the list prices from the Retail Prices API when enabled and due; returns the new version, or null.</summary>
public sealed class RefreshPriceSheetActivity : MeteredActivity<CostMonitorInput, string?>
{
    private readonly PriceSheetRefresher _refresher;

    public RefreshPriceSheetActivity(PriceSheetRefresher refresher, CostMeter cost)
        : base(cost) => _refresher = refresher;

    protected override CostAttribution Attribute(CostMonitorInput input) => CostUnits.Monitor(CostStages.PlatformModel, input.MonitorId, "prices");

    protected override async Task<string?> ExecuteAsync(TaskActivityContext context, CostMonitorInput input) =>
        (await _refresher.RefreshIfDueAsync().ConfigureAwait(false))?.Version;
}
