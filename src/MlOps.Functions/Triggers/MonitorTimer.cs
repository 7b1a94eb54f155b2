using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlOps.Pipeline.Monitoring;

namespace MlOps.Functions.Triggers;

/// <summary>
/// The monitor schedule: the app setting MonitorSchedule holds the cron expression the local host reads too; the app
/// setting AzureWebJobs.MonitorModels.Disabled=true switches it off in both hosts.
/// </summary>
public sealed class MonitorTimer
{
    private readonly MonitorScheduler _scheduler;
    private readonly TimeProvider _clock;

    public MonitorTimer(MonitorScheduler scheduler, TimeProvider clock)
    {
        _scheduler = scheduler;
        _clock = clock;
    }

    [Function(MonitorScheduler.TimerFunction)]
    public Task MonitorModels([TimerTrigger("%" + MonitorScheduler.ScheduleSetting + "%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        _scheduler.TickAsync(client, _clock.GetUtcNow(), cancellationToken);
}
