using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using MlOps.Core.Monitoring;
using MlOps.Core.Registry;
using MlOps.Core.Specs;
using MlOps.Core.Telemetry;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Orchestrations;

namespace MlOps.Pipeline.Monitoring;

/// <summary>
/// What the monitor timer does (the Functions timer trigger and the local host's cron schedule alike): for every
/// model with a production version and monitoring enabled, start one monitor orchestration for the window ending
/// now. Instance ids derive from model and window end, so a tick that fires twice starts each monitor once.
/// </summary>
public sealed class MonitorScheduler
{
    /// <summary>The configuration key of the schedule (a cron expression, six fields with seconds as Functions timers use).</summary>
    public const string ScheduleSetting = "MonitorSchedule";

    /// <summary>Hourly, on the hour.</summary>
    public const string DefaultSchedule = "0 0 * * * *";

    /// <summary>The timer function's name in both hosts: <c>AzureWebJobs.MonitorModels.Disabled=true</c> switches it off.</summary>
    public const string TimerFunction = "MonitorModels";

    private readonly ModelRegistry _registry;
    private readonly SpecStore _specs;
    private readonly ILogger<MonitorScheduler> _logger;

    public MonitorScheduler(ModelRegistry registry, SpecStore specs, ILogger<MonitorScheduler> logger)
    {
        _registry = registry;
        _specs = specs;
        _logger = logger;
    }

    public async Task<IReadOnlyList<string>> TickAsync(DurableTaskClient client, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var started = new List<string>();
        foreach (string model in await _registry.ListModelsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await _registry.GetAliasAsync(model, ModelRegistry.Production, cancellationToken).ConfigureAwait(false) is null)
            {
                continue;
            }

            if (await StartAsync(client, model, now, cancellationToken).ConfigureAwait(false) is { } id)
            {
                started.Add(id);
            }
        }

        return started;
    }

    /// <summary>
    /// An on-demand run: the window ends at the next whole second, so predictions logged earlier in the current second
    /// are inside it (window ends are whole seconds because they name the instance).
    /// </summary>
    public Task<string?> StartNowAsync(DurableTaskClient client, string model, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        long ticks = now.UtcTicks % TimeSpan.TicksPerSecond;
        return StartAsync(client, model, ticks == 0 ? now : now.AddTicks(TimeSpan.TicksPerSecond - ticks), cancellationToken);
    }

    /// <summary>Starts the monitor of one model for the window ending at <paramref name="windowEnd"/>; null when monitoring is off or it already ran.</summary>
    public async Task<string?> StartAsync(DurableTaskClient client, string model, DateTimeOffset windowEnd, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        PipelineSpec? spec = (await _specs.GetLatestAsync(model, cancellationToken).ConfigureAwait(false))?.Spec;
        if (spec?.Monitoring.Enabled != true)
        {
            return null;
        }

        var end = new DateTimeOffset(windowEnd.UtcTicks - (windowEnd.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        string id = MonitorIds.For(model, end);
        if (await client.GetInstanceAsync(id, cancellationToken).ConfigureAwait(false) is not null)
        {
            return null;
        }

        using Activity? root = MlOpsTracing.StartRoot("monitor " + model, model);
        root?.SetTag(MlOpsTags.MonitorId, id);
        var input = new MonitorInput
        {
            MonitorId = id, Model = model, Window = MonitoringWindow.Ending(end, spec.Monitoring.Window), TraceParent = MlOpsTracing.TraceParentOf(root),
        };
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(ModelMonitorOrchestrator.Name, input, new StartOrchestrationOptions { InstanceId = id }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException || ex.GetType().Name.Contains("AlreadyExists", StringComparison.Ordinal))
        {
            return null; // another host's tick started it first
        }

        _logger.LogInformation("Started monitor {MonitorId} for {Model} over {WindowStart} – {WindowEnd}", id, model, input.Window.Start, input.Window.End);
        return id;
    }
}
