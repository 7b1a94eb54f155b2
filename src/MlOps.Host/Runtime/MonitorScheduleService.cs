using Microsoft.DurableTask.Client;
using MlOps.Pipeline.Monitoring;

namespace MlOps.Host.Runtime;

/// <summary>
/// The local stand-in for the Functions monitor timer: fires on the same cron expression (configuration key
/// MonitorSchedule, hourly by default, "off" to disable) and starts the monitors of every production model.
/// </summary>
public sealed class MonitorScheduleService : BackgroundService
{
    private readonly MonitorScheduler _scheduler;
    private readonly DurableTaskClient _client;
    private readonly TimeProvider _clock;
    private readonly ILogger<MonitorScheduleService> _logger;
    private readonly string _expression;

    public MonitorScheduleService(MonitorScheduler scheduler, DurableTaskClient client, TimeProvider clock, IConfiguration configuration, ILogger<MonitorScheduleService> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _scheduler = scheduler;
        _client = client;
        _clock = clock;
        _logger = logger;
        _expression = configuration[MonitorScheduler.ScheduleSetting] ?? "0 0 * * * *";
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_expression.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var schedule = new CronSchedule(_expression);
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset next = schedule.Next(_clock.GetUtcNow());
            await Task.Delay(next - _clock.GetUtcNow() is { Ticks: > 0 } wait ? wait : TimeSpan.Zero, _clock, stoppingToken).ConfigureAwait(false);
            try
            {
                IReadOnlyList<string> started = await _scheduler.TickAsync(_client, next, stoppingToken).ConfigureAwait(false);
                _logger.LogInformation("Monitor schedule {Schedule} fired: {Count} monitors started", _expression, started.Count);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogWarning(ex, "Monitor tick failed; the next tick retries");
            }
        }
    }
}
