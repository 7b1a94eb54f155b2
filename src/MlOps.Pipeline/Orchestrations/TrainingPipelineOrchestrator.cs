using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using MlOps.Core.Data;
using MlOps.Core.Runs;
using MlOps.Core.Training;
using MlOps.Pipeline.Activities;
using MlOps.Pipeline.Contracts;

namespace MlOps.Pipeline.Orchestrations;

/// <summary>
/// Ingest → Train → Evaluate → Deploy for one dataset upload. Deterministic: all I/O happens in the activities and
/// only references (blob names, ids) pass between them, so the history stays small.
/// </summary>
public sealed class TrainingPipelineOrchestrator : TaskOrchestrator<TrainingRequest, RunOutcome>
{
    public const string Name = nameof(TrainingPipelineOrchestrator);

    private static readonly TaskOptions Retry = ActivityRetry.Transient;

    public override async Task<RunOutcome> RunAsync(TaskOrchestrationContext context, TrainingRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.CreateReplaySafeLogger<TrainingPipelineOrchestrator>()
            .LogInformation("Run {RunId} of {Model} started from {Blob} ({Trigger}), trace {TraceParent}", input.RunId, input.Model, input.DatasetBlob, input.Trigger, input.TraceParent);
        try
        {
            context.SetCustomStatus(new RunProgress { Stage = "ingest" });
            IngestOutcome ingest = await context.CallActivityAsync<IngestOutcome>(nameof(IngestActivity), input, Retry);
            if (!ingest.Accepted)
            {
                return await CompleteAsync(context, input, RunStatus.Rejected, ingest.Reason, budgetRefused: ingest.BudgetRefused);
            }

            if (ingest.Unchanged)
            {
                return await CompleteAsync(context, input, RunStatus.Skipped, ingest.Reason);
            }

            var stage = new StageInput
            {
                RunId = input.RunId,
                Model = input.Model,
                DatasetVersion = ingest.DatasetVersion!,
                SpecVersion = ingest.SpecVersion,
                PreparedPrefix = ingest.PreparedPrefix!,
                TraceParent = input.TraceParent,
            };

            context.SetCustomStatus(new RunProgress { Stage = "train" });
            TrainResult? training = await TrainCandidatesAsync(context, stage);
            if (training is null)
            {
                return await CompleteAsync(context, input, RunStatus.Failed, "every candidate of the search failed; see the run's candidates");
            }

            stage = stage with { CandidatePath = training.CandidatePath, CandidateSha256 = training.CandidateSha256 };

            context.SetCustomStatus(new RunProgress { Stage = "evaluate" });
            EvaluationResult evaluation = await context.CallActivityAsync<EvaluationResult>(
                nameof(EvaluateActivity), new EvaluateInput { Stage = stage, TrainMetrics = training.TrainMetrics }, Retry);

            context.SetCustomStatus(new RunProgress { Stage = "deploy" });
            DeployResult deploy = await context.CallActivityAsync<DeployResult>(
                nameof(DeployActivity), new DeployInput { Stage = stage, Training = training, Evaluation = evaluation }, Retry);

            if (deploy.AwaitingApproval)
            {
                deploy = await AwaitApprovalAsync(context, input, deploy, evaluation);
                if (deploy.Expired)
                {
                    return await CompleteAsync(context, input, RunStatus.Expired, deploy.Reason, deploy.Version, evaluation);
                }
            }

            return await CompleteAsync(
                context, input, deploy.Promoted ? RunStatus.Succeeded : RunStatus.NotPromoted, deploy.Reason, deploy.Version, evaluation);
        }
        catch (TaskFailedException ex)
        {
            return await CompleteAsync(context, input, RunStatus.Failed, ex.FailureDetails.ErrorMessage);
        }
    }

    /// <summary>
    /// Fans out one activity per candidate of the search space in waves of training.maxParallel (they run in parallel
    /// on the workers), fans in, and picks the best on the selection metric (ties broken by the plan's second metric).
    /// Before each wave after the first the time and cost budgets are checked against the wave's projection;
    /// candidates not started are recorded as skipped with the reason. Failed candidates are recorded and ignored;
    /// null when none succeeded.
    /// </summary>
    private static async Task<TrainResult?> TrainCandidatesAsync(TaskOrchestrationContext context, StageInput stage)
    {
        CandidatePlan plan = await context.CallActivityAsync<CandidatePlan>(nameof(PlanCandidatesActivity), stage, Retry);
        DateTimeOffset started = context.CurrentUtcDateTime;
        DateTimeOffset deadline = started + plan.MaxWallTime;
        var done = new List<CandidateOutcome>();
        var notStarted = new List<CandidateOutcome>();
        var waveTimes = new List<TimeSpan>();
        int waveSize = Math.Max(1, plan.MaxParallel);
        context.SetCustomStatus(TrainingProgress(done, plan.Candidates.Count, plan.PrimaryMetric));
        for (int first = 0, wave = 0; first < plan.Candidates.Count; first += waveSize, wave++)
        {
            List<(CandidateSpec Candidate, int Index)> next = [.. plan.Candidates.Select((c, i) => (c, i)).Skip(first).Take(waveSize)];
            string? stop = await WaveStopReasonAsync(context, stage.RunId, plan, wave, next.Count, started, waveTimes, done);
            if (stop is not null)
            {
                notStarted.AddRange(plan.Candidates.Select((c, i) => (c, i)).Skip(first).Select(n => new CandidateOutcome
                {
                    Index = n.i, Skipped = true, Result = new CandidateResult(n.c, [], [], 0, stop),
                }));
                break;
            }

            DateTimeOffset waveStarted = context.CurrentUtcDateTime;
            await FanInAsync(context, plan, [.. next.Select(n => TrainCandidateAsync(context, stage, n.Candidate, n.Index, deadline))], done);
            waveTimes.Add(context.CurrentUtcDateTime - waveStarted);
        }

        // Plan order, as the selection's tie rule expects.
        List<CandidateOutcome> outcomes = [.. done.OrderBy(o => o.Index)];

        CandidateResult? best = CandidateSelector.SelectBest(outcomes.Select(o => o.Result), plan.PrimaryMetric, plan.TieBreakMetric);
        CandidateOutcome? chosen = best is null ? null : outcomes.First(o => ReferenceEquals(o.Result, best));
        int failed = outcomes.Count(o => !o.Result.Succeeded && !o.Skipped);
        int skipped = outcomes.Count(o => o.Skipped) + notStarted.Count;
        int total = outcomes.Count + notStarted.Count;
        string stopped = notStarted.Count > 0 ? $"; {notStarted[0].Result.Error}" : string.Empty;
        string detail = chosen is null
            ? $"no candidate succeeded ({failed} failed, {skipped} skipped){stopped}"
            : $"best of {total} on validation {plan.PrimaryMetric}: {chosen.Result.Candidate} ({failed} failed, {skipped} skipped){stopped}";
        await context.CallActivityAsync(nameof(CompleteTrainingActivity), new TrainingSummary
        {
            RunId = stage.RunId, Model = stage.Model, TraceParent = stage.TraceParent, Candidates = total, Failed = failed, Skipped = skipped, BestIndex = chosen?.Index,
            BestId = chosen?.Result.Candidate.Id, Detail = detail, Crashed = [.. outcomes.Where(o => o.Crashed)], NotStarted = notStarted,
        }, Retry);

        return chosen is null ? null : new TrainResult
        {
            CandidatePath = chosen.ArtifactPath!,
            CandidateSha256 = chosen.Sha256!,
            Trainer = chosen.Result.Candidate.Trainer,
            Parameters = new Dictionary<string, double>(chosen.Result.Candidate.Parameters),
            ValidationMetrics = chosen.Result.ValidationMetrics,
            TrainMetrics = chosen.Result.TrainMetrics,
            DurationMs = chosen.Result.DurationMs,
        };
    }

    /// <summary>
    /// Why the next wave must not start, or null (<see cref="CandidateWaves"/>): time from the orchestration's clock,
    /// spending from the ledger read by an activity, whose recorded result keeps replays deterministic.
    /// </summary>
    private static async Task<string?> WaveStopReasonAsync(
        TaskOrchestrationContext context, string runId, CandidatePlan plan, int wave, int size, DateTimeOffset started, List<TimeSpan> waveTimes,
        List<CandidateOutcome> finished)
    {
        string? time = CandidateWaves.TimeStopReason(plan.MaxWallTime, context.CurrentUtcDateTime - started, waveTimes);
        if (time is not null || plan.PerRunBudget is not double limit)
        {
            return time;
        }

        RunSpend spend = await context.CallActivityAsync<RunSpend>(nameof(RunSpendActivity), new RunSpendInput
        {
            RunId = runId, Wave = wave, FinishedCandidates = [.. finished.Where(o => !o.Skipped && !o.Crashed).Select(o => o.Index)],
        }, Retry);

        // A budget in another currency than the prices cannot be compared; the monthly check reports it.
        return spend.Currency != plan.BudgetCurrency
            ? null
            : CandidateWaves.BudgetStopReason(limit, spend.Spent, spend.MeanCandidateCost, spend.CandidatesMeasured, size, spend.Currency);
    }

    /// <summary>
    /// Awaits a wave's candidates as they finish, adding each to <paramref name="done"/>, and after each publishes how
    /// many of the plan are done and the best so far as the custom status (a client shows it; the history does not grow).
    /// </summary>
    private static async Task FanInAsync(TaskOrchestrationContext context, CandidatePlan plan, List<Task<CandidateOutcome>> pending, List<CandidateOutcome> done)
    {
        while (pending.Count > 0)
        {
            Task<CandidateOutcome> finished = await Task.WhenAny(pending);
            pending.Remove(finished);
            done.Add(await finished);
            context.SetCustomStatus(TrainingProgress(done, plan.Candidates.Count, plan.PrimaryMetric));
        }
    }

    private static RunProgress TrainingProgress(List<CandidateOutcome> done, int total, string metric)
    {
        CandidateResult? best = CandidateSelector.SelectBest(done.OrderBy(o => o.Index).Select(o => o.Result), metric);
        return new RunProgress
        {
            Stage = "train",
            Candidates = new CandidateProgress
            {
                Done = done.Count, Total = total, Failed = done.Count(o => !o.Result.Succeeded), Metric = metric,
                BestTrainer = best?.Candidate.Trainer, BestId = best?.Candidate.Id, BestValue = best?.ValidationMetrics[metric],
            },
        };
    }

    /// <summary>One branch of the fan-out. An activity that crashes even after its retries becomes a failed candidate, not a failed run.</summary>
    private static async Task<CandidateOutcome> TrainCandidateAsync(TaskOrchestrationContext context, StageInput stage, CandidateSpec candidate, int index, DateTimeOffset deadline)
    {
        try
        {
            return await context.CallActivityAsync<CandidateOutcome>(nameof(TrainCandidateActivity), new CandidateInput
            {
                Stage = stage, Candidate = candidate, Index = index, Deadline = deadline,
            }, Retry);
        }
        catch (TaskFailedException ex)
        {
            return new CandidateOutcome { Index = index, Crashed = true, Result = new CandidateResult(candidate, [], [], 0, "activity failed: " + ex.FailureDetails.ErrorMessage) };
        }
    }

    /// <summary>Waits (on a durable timer) for an approve/reject event; approval promotes, rejection or timeout leave production alone.</summary>
    private static async Task<DeployResult> AwaitApprovalAsync(TaskOrchestrationContext context, TrainingRequest input, DeployResult registered, EvaluationResult evaluation)
    {
        context.SetCustomStatus(new RunProgress
        {
            Stage = "approval", Version = registered.Version, ApprovalDeadline = context.CurrentUtcDateTime + registered.ApprovalTimeout,
        });
        await context.CallActivityAsync(nameof(UpdateRunStatusActivity), new RunOutcome
        {
            RunId = input.RunId, Model = input.Model, Status = RunStatus.WaitingForApproval, ModelVersion = registered.Version, Metrics = evaluation.Metrics,
            Decision = evaluation.Decision, // what the approver decides on, schema changes included
            Reason = registered.Reason, TraceParent = input.TraceParent,
        }, Retry);

        ApprovalDecision decision;
        try
        {
            decision = await context.WaitForExternalEvent<ApprovalDecision>(ApprovalDecision.EventName, registered.ApprovalTimeout);
        }
        catch (TaskCanceledException)
        {
            return registered with { Expired = true, Reason = $"no approval within {registered.ApprovalTimeout}; v{registered.Version} stays registered, production unchanged" };
        }

        if (!decision.Approved)
        {
            return registered with { Reason = $"rejected by {decision.By}: {decision.Reason}" };
        }

        return await context.CallActivityAsync<DeployResult>(nameof(PromoteActivity), new PromoteInput
        {
            RunId = input.RunId,
            Model = input.Model,
            Version = registered.Version,
            ExpectedProduction = evaluation.ProductionVersion,
            By = decision.By,
            Reason = $"approved by {decision.By}: {decision.Reason}",
            Evidence = System.Text.Json.JsonSerializer.Serialize(evaluation.Decision),
            AcknowledgeSchemaChange = true, // the approver saw the decision, schema changes included
            TraceParent = input.TraceParent,
        }, Retry);
    }

    private static async Task<RunOutcome> CompleteAsync(
        TaskOrchestrationContext context, TrainingRequest input, RunStatus status, string? reason, int? version = null, EvaluationResult? evaluation = null,
        bool budgetRefused = false)
    {
        var outcome = new RunOutcome
        {
            RunId = input.RunId, Model = input.Model, Status = status, Reason = reason, ModelVersion = version, Metrics = evaluation?.Metrics,
            Decision = evaluation?.Decision, BudgetRefused = budgetRefused, TraceParent = input.TraceParent,
        };
        context.SetCustomStatus(new RunProgress { Stage = "done", Status = status });
        context.CreateReplaySafeLogger<TrainingPipelineOrchestrator>()
            .LogInformation("Run {RunId} of {Model} ended {Status} (version {Version}): {Reason}", input.RunId, input.Model, status, version, reason);
        await context.CallActivityAsync(nameof(UpdateRunStatusActivity), outcome, Retry);
        return outcome;
    }
}
