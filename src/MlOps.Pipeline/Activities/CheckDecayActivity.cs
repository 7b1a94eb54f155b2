using Microsoft.DurableTask;
using MlOps.Core.Monitoring;
using MlOps.Pipeline.Contracts;

namespace MlOps.Pipeline.Activities;

/// <summary>Joins the window's predictions with late labels and stores the decay report (and raises a decay alert).</summary>
public sealed class CheckDecayActivity : TaskActivity<MonitorInput, DecayCheck>
{
    private readonly ModelMonitor _monitor;

    public CheckDecayActivity(ModelMonitor monitor) => _monitor = monitor;

    public override Task<DecayCheck> RunAsync(TaskActivityContext context, MonitorInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _monitor.CheckDecayAsync(input.Model, input.Window);
    }
}
