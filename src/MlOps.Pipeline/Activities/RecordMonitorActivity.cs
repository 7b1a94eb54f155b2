using Microsoft.DurableTask;
using MlOps.Core.Alerts;
using MlOps.Core.Cost;
using MlOps.Core.Monitoring;
using MlOps.Core.Specs;
using MlOps.Core.Telemetry;
using MlOps.Pipeline.Cost;

namespace MlOps.Pipeline.Activities;

/// <summary>Stores the monitor run's record (findings, retrain decision and outcome) and frees the retrain slot once its run ended.</summary>
public sealed class RecordMonitorActivity : MeteredActivity<MonitorRecord, bool>
{
    private readonly MonitorStore _monitors;
    private readonly RetrainCoordinator _coordinator;
    private readonly TimeProvider _clock;
    private readonly MlOpsMetrics _metrics;
    private readonly OrchestrationCost _orchestration;
    private readonly BudgetGuard _budgets;
    private readonly SpecStore _specs;

    public RecordMonitorActivity(
        MonitorStore monitors, RetrainCoordinator coordinator, TimeProvider clock, OrchestrationCost orchestration, BudgetGuard budgets, SpecStore specs, CostMeter cost,
        MlOpsMetrics metrics)
        : base(cost)
    {
        _orchestration = orchestration;
        _budgets = budgets;
        _specs = specs;
        _monitors = monitors;
        _coordinator = coordinator;
        _clock = clock;
        _metrics = metrics;
    }

    protected override CostAttribution Attribute(MonitorRecord input) => CostUnits.Monitor(input.Model, input.MonitorId, input.EndedAt is null ? "record" : "record-final");

    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, MonitorRecord input)
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
            await _orchestration.RecordAsync(CostUnits.Monitor(input.Model, input.MonitorId, "replays") with { Kind = CostKind.Orchestration },
                input.MonitorId, Attribute(input)).ConfigureAwait(false);
            if ((await _specs.GetLatestAsync(input.Model).ConfigureAwait(false))?.Spec.Budget is { } budget)
            {
                await _budgets.CheckMonthlyAsync(input.Model, budget).ConfigureAwait(false);
            }
        }

        return true;
    }
}
