using System.Diagnostics;
using Microsoft.DurableTask;
using MlOps.Core.Cost;
using MlOps.Core.Alerts;
using MlOps.Core.Monitoring;
using MlOps.Core.Specs;
using MlOps.Core.Telemetry;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Cost;
using MlOps.Pipeline.Starting;

namespace MlOps.Pipeline.Activities;

/// <summary>
/// Claims the model's retrain slot (one at a time, cool-down), writes the retraining data and records the run with
/// trigger "monitor" and its finding; the monitor then runs the pipeline as a sub-orchestration.
/// </summary>
public sealed class PlanRetrainActivity : MeteredActivity<RetrainInput, RetrainPlan>
{
    private readonly RetrainCoordinator _coordinator;
    private readonly RunStarter _starter;
    private readonly AlertPublisher _alerts;
    private readonly TimeProvider _clock;
    private readonly BudgetGuard _budgets;
    private readonly SpecStore _specs;

    public PlanRetrainActivity(RetrainCoordinator coordinator, RunStarter starter, AlertPublisher alerts, TimeProvider clock, BudgetGuard budgets, SpecStore specs, CostMeter cost)
        : base(cost)
    {
        _budgets = budgets;
        _specs = specs;
        _coordinator = coordinator;
        _starter = starter;
        _alerts = alerts;
        _clock = clock;
    }

    protected override CostAttribution Attribute(RetrainInput input) => CostUnits.Monitor(input.Monitor.Model, input.Monitor.MonitorId, "plan-retrain");

    protected override async Task<RetrainPlan> ExecuteAsync(TaskActivityContext context, RetrainInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        MonitorInput monitor = input.Monitor;
        PipelineSpec? spec = (await _specs.GetLatestAsync(monitor.Model).ConfigureAwait(false))?.Spec;
        if (spec is { Monitoring.Retrain.Enabled: true })
        {
            MonthlyBudgetStatus month = await _budgets.CheckMonthlyAsync(monitor.Model, spec.Budget).ConfigureAwait(false);
            if (month.Refuses)
            {
                await _budgets.RaiseRefusalAsync(monitor.Model, month, monitor.MonitorId, $"retrain after {input.Finding}").ConfigureAwait(false);
                return new RetrainPlan { Start = false, Reason = $"retrain refused: {month.Describe()} (budget.enforce)" };
            }
        }

        RetrainClaim claim = await _coordinator.TryClaimAsync(monitor.Model, monitor.MonitorId, monitor.Window).ConfigureAwait(false);
        if (!claim.Claimed)
        {
            return new RetrainPlan { Start = false, Reason = claim.Reason };
        }

        using Activity? root = RunStarter.StartRunSpan(claim.RunId!, monitor.Model, "monitor");
        var request = new TrainingRequest
        {
            RunId = claim.RunId!, Model = monitor.Model, DatasetBlob = claim.BlobName!, DatasetETag = claim.VersionTag, Trigger = "monitor", RequestedAt = _clock.GetUtcNow(),
            TraceParent = MlOpsTracing.TraceParentOf(root),
        };
        string reason = $"{input.Finding}; retraining on the newest data plus {claim.FeedbackRows} labelled predictions";
        await _starter.TryRecordAsync(request, $"{monitor.MonitorId}: {input.Finding}").ConfigureAwait(false);
        await _alerts.PublishAsync(new AlertRecord
        {
            Id = $"retrain-{monitor.MonitorId}", Model = monitor.Model, Kind = AlertKind.Retrain, Severity = AlertSeverity.Info, At = _clock.GetUtcNow(),
            RunId = request.RunId, Message = reason,
        }).ConfigureAwait(false);
        return new RetrainPlan { Start = true, Reason = reason, Request = request };
    }
}
