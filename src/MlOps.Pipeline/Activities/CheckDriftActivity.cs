using Microsoft.DurableTask;
using MlOps.Core.Monitoring;
using MlOps.Pipeline.Contracts;

namespace MlOps.Pipeline.Activities;

/// <summary>Computes and stores the drift report of a model's window (and raises a drift alert).</summary>
public sealed class CheckDriftActivity : TaskActivity<MonitorInput, DriftCheck>
{
    private readonly ModelMonitor _monitor;

    public CheckDriftActivity(ModelMonitor monitor) => _monitor = monitor;

    public override Task<DriftCheck> RunAsync(TaskActivityContext context, MonitorInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _monitor.CheckDriftAsync(input.Model, input.Window);
    }
}
