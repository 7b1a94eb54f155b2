using System.Globalization;
using Microsoft.DurableTask.Client;
using MlOps.Pipeline.Monitoring;

namespace MlOps.Host.Runtime;

/// <summary>
/// The local stand-in for the Functions monitor timer (MonitorModels): fires on the MonitorSchedule cron expression,
/// hourly by default, and starts the monitors of every production model.
/// </summary>
public sealed class MonitorScheduleService : CronTimerService
{
    private readonly MonitorScheduler _scheduler;
    private readonly DurableTaskClient _client;

    public MonitorScheduleService(MonitorScheduler scheduler, DurableTaskClient client, TimeProvider clock, IConfiguration configuration, ILogger<MonitorScheduleService> logger)
        : base(MonitorScheduler.TimerFunction, MonitorScheduler.ScheduleSetting, MonitorScheduler.DefaultSchedule, configuration, clock, logger)
    {
        _scheduler = scheduler;
        _client = client;
    }

    protected override async Task<string> TickAsync(DateTimeOffset scheduled, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> started = await _scheduler.TickAsync(_client, scheduled, cancellationToken).ConfigureAwait(false);
        return string.Create(CultureInfo.InvariantCulture, $"{started.Count} monitors started");
    }
}
