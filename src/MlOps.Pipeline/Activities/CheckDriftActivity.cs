using Microsoft.DurableTask;
using MlOps.Core.Cost;
using MlOps.Core.Monitoring;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Cost;

namespace MlOps.Pipeline.Activities;

/// <summary>Computes and stores the drift report of a model's window (and raises a drift alert).</summary>
public sealed class CheckDriftActivity : MeteredActivity<MonitorInput, DriftCheck>
{
    private readonly ModelMonitor _monitor;

    public CheckDriftActivity(ModelMonitor monitor, CostMeter cost)
        : base(cost) => _monitor = monitor;

    protected override CostAttribution Attribute(MonitorInput input) => CostUnits.Monitor(input.Model, input.MonitorId, "drift");

    protected override Task<DriftCheck> ExecuteAsync(TaskActivityContext context, MonitorInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _monitor.CheckDriftAsync(input.Model, input.Window);
    }
}
