namespace MlOps.Host.Runtime;

/// <summary>
/// The local stand-in for a Functions timer trigger: the same function name, the same app setting holding a six-field
/// cron expression, and the same switch, <c>AzureWebJobs.{function}.Disabled</c>, to turn it off. Ticks are awaited
/// one at a time; a failed tick is logged and the next one runs.
/// </summary>
public abstract class CronTimerService : BackgroundService
{
    /// <summary>What this host accepted as "no schedule" before it honoured the Functions switch; the Functions timer rejects it as a cron expression.</summary>
    public const string LegacyOff = "off";

    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    protected CronTimerService(string function, string scheduleSetting, string defaultSchedule, IConfiguration configuration, TimeProvider clock, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Function = function;
        _clock = clock;
        _logger = logger;
        string expression = configuration[scheduleSetting] ?? defaultSchedule;
        if (FunctionSwitch.IsDisabled(configuration, function))
        {
            DisabledBecause = $"{FunctionSwitch.SettingName(function)} is set";
        }
        else if (expression.Trim().Equals(LegacyOff, StringComparison.OrdinalIgnoreCase))
        {
            DisabledBecause = $"{scheduleSetting} is '{LegacyOff}'";
            logger.LogWarning("{Setting}={Value} switches {Function} off here only; the Functions timer rejects it. Set {Switch}=true instead",
                scheduleSetting, LegacyOff, function, FunctionSwitch.SettingName(function));
        }
        else
        {
            Schedule = new CronSchedule(expression);
        }
    }

    /// <summary>The Functions function this timer stands in for.</summary>
    public string Function { get; }

    /// <summary>The schedule, or null when the timer is switched off.</summary>
    public CronSchedule? Schedule { get; }

    public string? DisabledBecause { get; }

    /// <returns>A few words on what the tick did, for the log.</returns>
    protected abstract Task<string> TickAsync(DateTimeOffset scheduled, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Schedule is null)
        {
            _logger.LogInformation("Timer {Function} is off: {Reason}", Function, DisabledBecause);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset next = Schedule.Next(_clock.GetUtcNow());
            await Task.Delay(next - _clock.GetUtcNow() is { Ticks: > 0 } wait ? wait : TimeSpan.Zero, _clock, stoppingToken).ConfigureAwait(false);
            try
            {
                string done = await TickAsync(next, stoppingToken).ConfigureAwait(false);
                _logger.LogInformation("Timer {Function} ({Schedule}) fired: {Result}", Function, Schedule.Expression, done);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogWarning(ex, "Timer {Function} failed; the next tick retries", Function);
            }
        }
    }
}
