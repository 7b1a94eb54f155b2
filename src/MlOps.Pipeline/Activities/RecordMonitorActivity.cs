using Microsoft.DurableTask;
using MlOps.Core.Alerts;
using MlOps.Core.Monitoring;
using MlOps.Core.Telemetry;

namespace MlOps.Pipeline.Activities;

/// <summary>Stores the monitor run's record (findings, retrain decision and outcome) and frees the retrain slot once its run ended.</summary>
public sealed class RecordMonitorActivity : TaskActivity<MonitorRecord, bool>
{
    private readonly MonitorStore _monitors;
    private readonly RetrainCoordinator _coordinator;
    private readonly TimeProvider _clock;
    private readonly MlOpsMetrics _metrics;

    public RecordMonitorActivity(MonitorStore monitors, RetrainCoordinator coordinator, TimeProvider clock, MlOpsMetrics metrics)
    {
        _monitors = monitors;
        _coordinator = coordinator;
        _clock = clock;
        _metrics = metrics;
    }

    public override async Task<bool> RunAsync(TaskActivityContext context, MonitorRecord input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await _monitors.SaveAsync(input with { StartedAt = input.StartedAt == default ? _clock.GetUtcNow() : input.StartedAt }).ConfigureAwait(false);
        if (input.RetrainRunId is not null && input.RetrainOutcome is not null)
        {
            await _coordinator.ReleaseAsync(input.Model, input.RetrainRunId).ConfigureAwait(false);
        }

        if (input.EndedAt is not null)
        {
            string outcome = input.Drifted && input.Decayed ? "drifted+decayed" : input.Drifted ? "drifted" : input.Decayed ? "decayed" : "ok";
            _metrics.MonitorRuns.Add(1, new KeyValuePair<string, object?>(MlOpsTags.Model, input.Model), new KeyValuePair<string, object?>(MlOpsTags.Outcome, outcome));
        }

        return true;
    }
}
