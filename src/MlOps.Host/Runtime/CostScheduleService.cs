using Microsoft.DurableTask.Client;
using MlOps.Core.Cost.Reconciliation;
using MlOps.Pipeline.Monitoring;

namespace MlOps.Host.Runtime;

/// <summary>
/// The local stand-in for the Functions cost timer (MonitorCost): fires on the CostSchedule cron expression, daily at
/// 06:00 UTC by default, and reports the previous day.
/// </summary>
public sealed class CostScheduleService : CronTimerService
{
    private readonly CostMonitorScheduler _scheduler;
    private readonly DurableTaskClient _client;

    public CostScheduleService(CostMonitorScheduler scheduler, DurableTaskClient client, TimeProvider clock, IConfiguration configuration, ILogger<CostScheduleService> logger)
        : base(CostMonitorScheduler.TimerFunction, CostMonitorScheduler.ScheduleSetting, CostMonitorOptions.DefaultSchedule, configuration, clock, logger)
    {
        _scheduler = scheduler;
        _client = client;
    }

    protected override async Task<string> TickAsync(DateTimeOffset scheduled, CancellationToken cancellationToken) =>
        await _scheduler.TickAsync(_client, scheduled, cancellationToken).ConfigureAwait(false) is { } id ? $"started {id}" : "the previous day is reported already";
}
