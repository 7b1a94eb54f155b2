namespace MlOps.Host.Runtime;

/// <summary>
/// The local stand-in for a Functions timer trigger: fires on a cron expression read from the same configuration key
/// the Functions app reads ("off" disables it), and runs the tick; a tick that fails is logged and the next one runs.
/// </summary>
public abstract partial class CronTimerService : BackgroundService
{
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly string _name;

    protected CronTimerService(string name, string expression, TimeProvider clock, ILogger logger)
    {
        _name = name;
        Expression = expression;
        _clock = clock;
        _logger = logger;
    }

    public string Expression { get; }

    /// <summary>One firing at <paramref name="scheduled"/>; returns what it did, for the log.</summary>
    protected abstract Task<string> TickAsync(DateTimeOffset scheduled, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Expression.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var schedule = new CronSchedule(Expression);
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset next = schedule.Next(_clock.GetUtcNow());
            await Task.Delay(next - _clock.GetUtcNow() is { Ticks: > 0 } wait ? wait : TimeSpan.Zero, _clock, stoppingToken).ConfigureAwait(false);
            try
            {
                LogFired(_name, Expression, await TickAsync(next, stoppingToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex, _name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Timer} schedule {Schedule} fired: {Outcome}")]
    private partial void LogFired(string timer, string schedule, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Timer} tick failed; the next tick retries")]
    private partial void LogFailed(Exception exception, string timer);
}
