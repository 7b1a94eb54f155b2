using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlOps.Pipeline.Monitoring;

namespace MlOps.Functions.Triggers;

/// <summary>
/// The cost monitor's schedule: the app setting CostSchedule holds the cron expression the local host reads too; the
/// app setting AzureWebJobs.MonitorCost.Disabled=true switches it off in both hosts.
/// </summary>
public sealed class CostTimer
{
    private readonly CostMonitorScheduler _scheduler;
    private readonly TimeProvider _clock;

    public CostTimer(CostMonitorScheduler scheduler, TimeProvider clock)
    {
        _scheduler = scheduler;
        _clock = clock;
    }

    [Function(CostMonitorScheduler.TimerFunction)]
    public Task MonitorCost([TimerTrigger("%" + CostMonitorScheduler.ScheduleSetting + "%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        _scheduler.TickAsync(client, _clock.GetUtcNow(), cancellationToken);
}
