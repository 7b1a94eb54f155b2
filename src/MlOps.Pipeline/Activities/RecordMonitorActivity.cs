using Microsoft.DurableTask;
using MlOps.Core.Monitoring;

namespace MlOps.Pipeline.Activities;

/// <summary>Stores the monitor run's record (findings, retrain decision and outcome) and frees the retrain slot once its run ended.</summary>
public sealed class RecordMonitorActivity : TaskActivity<MonitorRecord, bool>
{
    private readonly MonitorStore _monitors;
    private readonly RetrainCoordinator _coordinator;
    private readonly TimeProvider _clock;

    public RecordMonitorActivity(MonitorStore monitors, RetrainCoordinator coordinator, TimeProvider clock)
    {
        _monitors = monitors;
        _coordinator = coordinator;
        _clock = clock;
    }

    public override async Task<bool> RunAsync(TaskActivityContext context, MonitorRecord input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await _monitors.SaveAsync(input with { StartedAt = input.StartedAt == default ? _clock.GetUtcNow() : input.StartedAt }).ConfigureAwait(false);
        if (input.RetrainRunId is not null && input.RetrainOutcome is not null)
        {
            await _coordinator.ReleaseAsync(input.Model, input.RetrainRunId).ConfigureAwait(false);
        }

        return true;
    }
}
