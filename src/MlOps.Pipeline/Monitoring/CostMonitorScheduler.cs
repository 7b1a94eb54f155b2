using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MlOps.Core.Cost.Reconciliation;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Orchestrations;

namespace MlOps.Pipeline.Monitoring;

/// <summary>
/// Starts cost monitor runs: the timer (Functions' CostSchedule trigger and the local host's cron alike) reports the
/// day that ended last, once (the instance id is the day); on demand any day, as often as asked.
/// </summary>
public sealed partial class CostMonitorScheduler
{
    /// <summary>The schedule's configuration key, for the hosts' timers.</summary>
    public const string ScheduleSetting = CostMonitorOptions.ScheduleSetting;

    /// <summary>The timer function's name in both hosts: <c>AzureWebJobs.MonitorCost.Disabled=true</c> switches it off.</summary>
    public const string TimerFunction = "MonitorCost";

    private readonly ILogger<CostMonitorScheduler> _logger;

    public CostMonitorScheduler(ILogger<CostMonitorScheduler> logger) => _logger = logger;

    public static string ScheduledId(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"cost-monitor-{day:yyyyMMdd}");

    /// <summary>The timer's tick: the previous UTC day, unless a run for it exists already (a second host, a repeated tick).</summary>
    public async Task<string?> TickAsync(DurableTaskClient client, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        DateOnly day = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1);
        string id = ScheduledId(day);
        if (await client.GetInstanceAsync(id, cancellationToken).ConfigureAwait(false) is not null)
        {
            return null;
        }

        try
        {
            return await StartAsync(client, id, day, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException || ex.GetType().Name.Contains("AlreadyExists", StringComparison.Ordinal))
        {
            return null; // another host's tick started it first
        }
    }

    /// <summary>An on-demand run for <paramref name="day"/> (today when null: the day so far).</summary>
    public Task<string> StartNowAsync(DurableTaskClient client, DateOnly? day, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        DateOnly reported = day ?? DateOnly.FromDateTime(now.UtcDateTime);
        string id = string.Create(CultureInfo.InvariantCulture, $"{ScheduledId(reported)}-{now.UtcDateTime:HHmmssfff}");
        return StartAsync(client, id, reported, cancellationToken);
    }

    private async Task<string> StartAsync(DurableTaskClient client, string id, DateOnly day, CancellationToken cancellationToken)
    {
        var input = new CostMonitorInput { MonitorId = id, Day = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        await client.ScheduleNewOrchestrationInstanceAsync(CostMonitorOrchestrator.Name, input, new StartOrchestrationOptions { InstanceId = id }, cancellationToken)
            .ConfigureAwait(false);
        LogStarted(id, input.Day);
        return id;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started cost monitor {MonitorId} for {Day}")]
    private partial void LogStarted(string monitorId, string day);
}
