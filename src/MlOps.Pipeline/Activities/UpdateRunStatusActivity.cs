using System.Diagnostics;
using Microsoft.DurableTask;
using MlOps.Core.Cost;
using MlOps.Core.Alerts;
using MlOps.Core.Runs;
using MlOps.Core.Specs;
using MlOps.Core.Telemetry;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Cost;

namespace MlOps.Pipeline.Activities;

/// <summary>Writes a run's status and reason (and, once it ends, its version, metrics and end time).</summary>
public sealed class UpdateRunStatusActivity : MeteredActivity<RunOutcome, bool>
{
    private readonly RunStore _runs;
    private readonly TimeProvider _clock;
    private readonly AlertPublisher _alerts;
    private readonly MlOpsMetrics _metrics;
    private readonly OrchestrationCost _orchestration;
    private readonly BudgetGuard _budgets;
    private readonly SpecStore _specs;

    public UpdateRunStatusActivity(
        RunStore runs, TimeProvider clock, AlertPublisher alerts, MlOpsMetrics metrics, OrchestrationCost orchestration, BudgetGuard budgets, SpecStore specs, CostMeter cost)
        : base(cost)
    {
        _orchestration = orchestration;
        _budgets = budgets;
        _specs = specs;
        _runs = runs;
        _clock = clock;
        _alerts = alerts;
        _metrics = metrics;
    }

    protected override CostAttribution Attribute(RunOutcome input) => CostUnits.RunStep(input.RunId, CostStages.Orchestration, "status-" + input.Status.ToString().ToLowerInvariant());

    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, RunOutcome input)
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
            await _orchestration.RecordAsync(CostUnits.Orchestration(input.RunId), input.RunId, Attribute(input)).ConfigureAwait(false);
            if ((await _specs.GetLatestAsync(input.Model).ConfigureAwait(false))?.Spec.Budget is { } budget)
            {
                MonthlyBudgetStatus month = await _budgets.CheckMonthlyAsync(input.Model, budget).ConfigureAwait(false);
                if (input.BudgetRefused)
                {
                    await _budgets.RaiseRefusalAsync(input.Model, month, input.RunId, "training run", input.RunId).ConfigureAwait(false);
                }
            }
        }

        if (input.Status is RunStatus.Failed or RunStatus.Rejected && !input.BudgetRefused)
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
