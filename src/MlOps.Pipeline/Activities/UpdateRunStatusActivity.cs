using System.Diagnostics;
using Microsoft.DurableTask;
using MlOps.Core.Alerts;
using MlOps.Core.Runs;
using MlOps.Core.Telemetry;
using MlOps.Pipeline.Contracts;

namespace MlOps.Pipeline.Activities;

/// <summary>Writes a run's status and reason (and, once it ends, its version, metrics and end time).</summary>
public sealed class UpdateRunStatusActivity : TaskActivity<RunOutcome, bool>
{
    private readonly RunStore _runs;
    private readonly TimeProvider _clock;
    private readonly AlertPublisher _alerts;
    private readonly MlOpsMetrics _metrics;

    public UpdateRunStatusActivity(RunStore runs, TimeProvider clock, AlertPublisher alerts, MlOpsMetrics metrics)
    {
        _runs = runs;
        _clock = clock;
        _alerts = alerts;
        _metrics = metrics;
    }

    public override async Task<bool> RunAsync(TaskActivityContext context, RunOutcome input)
    {
        ArgumentNullException.ThrowIfNull(input);
        RunRecord updated = await _runs.UpdateAsync(input.RunId, run => run with
        {
            Status = input.Status,
            Reason = input.Reason,
            ModelVersion = input.ModelVersion ?? run.ModelVersion,
            Metrics = input.Metrics ?? run.Metrics,
            Decision = input.Decision ?? run.Decision,
            EndedAt = input.Status.IsTerminal() ? run.EndedAt ?? _clock.GetUtcNow() : null,
        }, CancellationToken.None).ConfigureAwait(false);
        if (input.Status.IsTerminal())
        {
            var model = new KeyValuePair<string, object?>(MlOpsTags.Model, input.Model);
            var status = new KeyValuePair<string, object?>(MlOpsTags.Status, input.Status.ToString());
            _metrics.RunsEnded.Add(1, model, status);
            if (updated.EndedAt is DateTimeOffset ended)
            {
                _metrics.RunDuration.Record((ended - updated.StartedAt).TotalSeconds, model, status);
            }

            Activity.Current?.AddEvent(new ActivityEvent("run ended", tags: new ActivityTagsCollection { [MlOpsTags.Status] = input.Status.ToString(), [MlOpsTags.Version] = input.ModelVersion }));
        }

        if (input.Status is RunStatus.Failed or RunStatus.Rejected)
        {
            bool failed = input.Status == RunStatus.Failed;
            await _alerts.PublishAsync(new AlertRecord
            {
                Id = $"{input.RunId}-{input.Status}",
                Model = input.Model,
                Kind = failed ? AlertKind.RunFailed : AlertKind.DataRejected,
                Severity = failed ? AlertSeverity.Critical : AlertSeverity.Warning,
                Message = input.Reason ?? input.Status.ToString(),
                At = _clock.GetUtcNow(),
                RunId = input.RunId,
            }).ConfigureAwait(false);
        }

        return true;
    }
}
