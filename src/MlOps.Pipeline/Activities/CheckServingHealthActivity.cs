using Microsoft.DurableTask;
using MlOps.Core.Cost;
using MlOps.Core.Monitoring.Serving;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Cost;

namespace MlOps.Pipeline.Activities;

/// <summary>Reads the window's serving health (Azure Monitor when a workspace is configured, else the host's count) and raises an alert on a breach.</summary>
public sealed class CheckServingHealthActivity : MeteredActivity<MonitorInput, ServingHealthCheck>
{
    private readonly ServingHealthMonitor _monitor;

    public CheckServingHealthActivity(ServingHealthMonitor monitor, CostMeter cost)
        : base(cost) => _monitor = monitor;

    protected override CostAttribution Attribute(MonitorInput input) => CostUnits.Monitor(input.Model, input.MonitorId, "serving");

    protected override Task<ServingHealthCheck> ExecuteAsync(TaskActivityContext context, MonitorInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _monitor.MonitorAsync(input.Model, input.Window);
    }
}
