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

            return await CompleteAsync(
                context, input, deploy.Promoted ? RunStatus.Succeeded : RunStatus.NotPromoted, deploy.Reason, deploy.Version, evaluation.Metrics);
        }
        catch (TaskFailedException ex)
        {
            return await CompleteAsync(context, input, RunStatus.Failed, ex.FailureDetails.ErrorMessage);
        }
    }

    private static async Task<RunOutcome> CompleteAsync(
        TaskOrchestrationContext context, TrainingRequest input, RunStatus status, string? reason, int? version = null, Dictionary<string, double>? metrics = null)
    {
        var outcome = new RunOutcome
        {
            RunId = input.RunId, Model = input.Model, Status = status, Reason = reason, ModelVersion = version, Metrics = metrics,
        };
        context.SetCustomStatus(new { stage = "done", status });
        await context.CallActivityAsync(nameof(CompleteRunActivity), outcome, Retry);
        return outcome;
    }
}
