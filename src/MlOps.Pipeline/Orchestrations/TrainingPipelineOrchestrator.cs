using Microsoft.DurableTask;
using MlOps.Core.Data;
using MlOps.Core.Runs;
using MlOps.Pipeline.Activities;
using MlOps.Pipeline.Contracts;

namespace MlOps.Pipeline.Orchestrations;

/// <summary>
/// Ingest → Train → Evaluate → Deploy for one dataset upload. Deterministic: all I/O happens in the activities and
/// only references (blob names, ids) pass between them, so the history stays small.
/// </summary>
public sealed class TrainingPipelineOrchestrator : TaskOrchestrator<TrainingRequest, RunOutcome>
{
    public const string Name = "TrainingPipeline";

    // Activities handle bad data themselves (it is an outcome, not an error); retries are for transient faults.
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    public override async Task<RunOutcome> RunAsync(TaskOrchestrationContext context, TrainingRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            context.SetCustomStatus(new { stage = "ingest" });
            IngestOutcome ingest = await context.CallActivityAsync<IngestOutcome>(nameof(IngestActivity), input, Retry);
            if (!ingest.Accepted)
            {
                return await CompleteAsync(context, input, RunStatus.Rejected, ingest.Reason);
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
            };

            context.SetCustomStatus(new { stage = "train" });
            TrainResult training = await context.CallActivityAsync<TrainResult>(nameof(TrainActivity), stage, Retry);
            stage = stage with { CandidatePath = training.CandidatePath, CandidateSha256 = training.CandidateSha256 };

            context.SetCustomStatus(new { stage = "evaluate" });
            EvaluationResult evaluation = await context.CallActivityAsync<EvaluationResult>(nameof(EvaluateActivity), stage, Retry);

            context.SetCustomStatus(new { stage = "deploy" });
            DeployResult deploy = await context.CallActivityAsync<DeployResult>(
                nameof(DeployActivity), new DeployInput { Stage = stage, Training = training, Evaluation = evaluation }, Retry);

            if (deploy.AwaitingApproval)
            {
                deploy = await AwaitApprovalAsync(context, input, deploy, evaluation);
                if (deploy.Expired)
                {
                    return await CompleteAsync(context, input, RunStatus.Expired, deploy.Reason, deploy.Version, evaluation.Metrics);
                }
            }

            return await CompleteAsync(
                context, input, deploy.Promoted ? RunStatus.Succeeded : RunStatus.NotPromoted, deploy.Reason, deploy.Version, evaluation.Metrics);
        }
        catch (TaskFailedException ex)
        {
            return await CompleteAsync(context, input, RunStatus.Failed, ex.FailureDetails.ErrorMessage);
        }
    }

    /// <summary>Waits (on a durable timer) for an approve/reject event; approval promotes, rejection or timeout leave production alone.</summary>
    private static async Task<DeployResult> AwaitApprovalAsync(TaskOrchestrationContext context, TrainingRequest input, DeployResult registered, EvaluationResult evaluation)
    {
        context.SetCustomStatus(new { stage = "approval", version = registered.Version });
        await context.CallActivityAsync(nameof(UpdateRunStatusActivity), new RunOutcome
        {
            RunId = input.RunId, Model = input.Model, Status = RunStatus.WaitingForApproval, ModelVersion = registered.Version, Metrics = evaluation.Metrics,
            Reason = registered.Reason,
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
        }, Retry);
    }

    private static async Task<RunOutcome> CompleteAsync(
        TaskOrchestrationContext context, TrainingRequest input, RunStatus status, string? reason, int? version = null, Dictionary<string, double>? metrics = null)
    {
        var outcome = new RunOutcome
        {
            RunId = input.RunId, Model = input.Model, Status = status, Reason = reason, ModelVersion = version, Metrics = metrics,
        };
        context.SetCustomStatus(new { stage = "done", status });
        await context.CallActivityAsync(nameof(UpdateRunStatusActivity), outcome, Retry);
        return outcome;
    }
}
