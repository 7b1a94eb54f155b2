using NCrontab;

namespace MlOps.Host.Runtime;

/// <summary>
/// A cron expression in the form Functions timer triggers use (six fields, seconds first; five-field expressions
/// are accepted too), parsed with NCrontab so the local host fires on the same schedule as the Functions app.
/// </summary>
public sealed class CronSchedule
{
    private readonly CrontabSchedule _schedule;

    public CronSchedule(string expression)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        bool withSeconds = expression.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6;
        _schedule = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = withSeconds })
            ?? throw new FormatException($"'{expression}' is not a cron expression (five fields, or six with seconds first).");
        Expression = expression;
    }

    public string Expression { get; }

    public DateTimeOffset Next(DateTimeOffset after) => new(_schedule.GetNextOccurrence(after.UtcDateTime), TimeSpan.Zero);
}
