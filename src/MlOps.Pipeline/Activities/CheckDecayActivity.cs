using Microsoft.DurableTask;
using MlOps.Core.Cost;
using MlOps.Core.Monitoring;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Cost;

namespace MlOps.Pipeline.Activities;

/// <summary>Joins the window's predictions with late labels and stores the decay report (and raises a decay alert).</summary>
public sealed class CheckDecayActivity : MeteredActivity<MonitorInput, DecayCheck>
{
    private readonly ModelMonitor _monitor;

    public CheckDecayActivity(ModelMonitor monitor, CostMeter cost)
        : base(cost) => _monitor = monitor;

    protected override CostAttribution Attribute(MonitorInput input) => CostUnits.Monitor(input.Model, input.MonitorId, "decay");

    protected override Task<DecayCheck> ExecuteAsync(TaskActivityContext context, MonitorInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _monitor.CheckDecayAsync(input.Model, input.Window);
    }
}
