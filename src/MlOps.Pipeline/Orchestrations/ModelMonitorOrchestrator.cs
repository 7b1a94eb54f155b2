using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using MlOps.Core.Monitoring;
using MlOps.Core.Monitoring.Serving;
using MlOps.Pipeline.Activities;
using MlOps.Pipeline.Contracts;

namespace MlOps.Pipeline.Orchestrations;

/// <summary>
/// One monitor run of a production model over one window: drift, then decay, then serving health (which alerts on a
/// breach but never retrains: a slow or failing service is not fixed by new data); when drift or decay crosses the spec's
/// threshold and retraining is enabled, a retrain (one at a time, after the cool-down) runs as a sub-orchestration of
/// the training pipeline, whose gate decides whether the challenger replaces the champion. The record links the
/// finding, the retrain run and its promotion decision.
/// </summary>
public sealed class ModelMonitorOrchestrator : TaskOrchestrator<MonitorInput, MonitorRecord>
{
    public const string Name = nameof(ModelMonitorOrchestrator);

    private static readonly TaskOptions Retry = ActivityRetry.Transient;

    public override async Task<MonitorRecord> RunAsync(TaskOrchestrationContext context, MonitorInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var record = new MonitorRecord
        {
            MonitorId = input.MonitorId, Model = input.Model, Window = input.Window, StartedAt = context.CurrentUtcDateTime, TraceParent = input.TraceParent,
        };

        DriftCheck drift = await context.CallActivityAsync<DriftCheck>(nameof(CheckDriftActivity), input, Retry);
        DecayCheck decay = await context.CallActivityAsync<DecayCheck>(nameof(CheckDecayActivity), input, Retry);
        ServingHealthCheck serving = await context.CallActivityAsync<ServingHealthCheck>(nameof(CheckServingHealthActivity), input, Retry);
        record = record with
        {
            Version = drift.Version,
            DriftReport = drift.Report?.ReportBlob,
            Drifted = drift.Drifted,
            DriftedShare = drift.Report?.DriftedShare,
            DecayVerdict = decay.Report?.Verdict.ToString() ?? decay.SkippedBecause,
            Decayed = decay.Decayed,
            ServingHealthy = serving.Report?.Healthy,
            ServingBreaches = serving.Report?.Breaches ?? [],
            ServingSkippedBecause = serving.SkippedBecause,
        };

        string? finding = Finding(drift, decay);
        if (finding is null)
        {
            record = record with { RetrainDecision = drift.SkippedBecause ?? "drift and decay within thresholds" };
        }
        else
        {
            RetrainPlan plan = await context.CallActivityAsync<RetrainPlan>(nameof(PlanRetrainActivity), new RetrainInput { Monitor = input, Finding = finding }, Retry);
            record = record with { RetrainDecision = plan.Reason, RetrainRunId = plan.Request?.RunId };
            if (plan.Start)
            {
                await context.CallActivityAsync(nameof(RecordMonitorActivity), record, Retry); // visible while the retrain runs
                RunOutcome outcome = await context.CallSubOrchestratorAsync<RunOutcome>(
                    TrainingPipelineOrchestrator.Name, plan.Request!, new SubOrchestrationOptions { InstanceId = plan.Request!.RunId });
                record = record with { RetrainOutcome = $"{outcome.Status}: {outcome.Reason}" };
            }
        }

        record = record with { EndedAt = context.CurrentUtcDateTime };
        context.CreateReplaySafeLogger<ModelMonitorOrchestrator>().LogInformation(
            "Monitor {MonitorId} of {Model} v{Version}: drifted {Drifted}, decayed {Decayed}, serving healthy {ServingHealthy}; {RetrainDecision}",
            record.MonitorId, record.Model, record.Version, record.Drifted, record.Decayed, record.ServingHealthy, record.RetrainDecision);
        await context.CallActivityAsync(nameof(RecordMonitorActivity), record, Retry);
        return record;
    }

    private static string? Finding(DriftCheck drift, DecayCheck decay)
    {
        var findings = new List<string>();
        if (drift.Drifted)
        {
            findings.Add(string.Create(CultureInfo.InvariantCulture,
                $"drift: {drift.Report!.ColumnsDrifted} of {drift.Report.ColumnsCompared} columns ({string.Join(", ", drift.Report.MostDrifted.Take(3))})"));
        }

        if (decay.Decayed)
        {
            findings.Add("decay: " + decay.Report!.Reason);
        }

        return findings.Count == 0 ? null : string.Join("; ", findings);
    }
}
