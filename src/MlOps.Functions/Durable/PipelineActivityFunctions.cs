using Microsoft.Azure.Functions.Worker;
using MlOps.Core.Data;
using MlOps.Pipeline.Activities;
using MlOps.Pipeline.Contracts;

namespace MlOps.Functions.Durable;

/// <summary>
/// The activity triggers of the training pipeline, each named after the shared activity class the orchestrator calls
/// and delegating to its DI-registered instance. The instanceId parameter is the trigger's binding data.
/// </summary>
public sealed class PipelineActivityFunctions
{
    private readonly IngestActivity _ingest;
    private readonly TrainActivity _train;
    private readonly EvaluateActivity _evaluate;
    private readonly DeployActivity _deploy;
    private readonly CompleteRunActivity _completeRun;

    public PipelineActivityFunctions(IngestActivity ingest, TrainActivity train, EvaluateActivity evaluate, DeployActivity deploy, CompleteRunActivity completeRun)
    {
        _ingest = ingest;
        _train = train;
        _evaluate = evaluate;
        _deploy = deploy;
        _completeRun = completeRun;
    }

    [Function(nameof(IngestActivity))]
    public Task<IngestOutcome> IngestAsync([ActivityTrigger] TrainingRequest input, string instanceId) =>
        _ingest.RunAsync(new FunctionActivityContext(nameof(IngestActivity), instanceId), input);

    [Function(nameof(TrainActivity))]
    public Task<TrainResult> TrainAsync([ActivityTrigger] StageInput input, string instanceId) =>
        _train.RunAsync(new FunctionActivityContext(nameof(TrainActivity), instanceId), input);

    [Function(nameof(EvaluateActivity))]
    public Task<EvaluationResult> EvaluateAsync([ActivityTrigger] StageInput input, string instanceId) =>
        _evaluate.RunAsync(new FunctionActivityContext(nameof(EvaluateActivity), instanceId), input);

    [Function(nameof(DeployActivity))]
    public Task<DeployResult> DeployAsync([ActivityTrigger] DeployInput input, string instanceId) =>
        _deploy.RunAsync(new FunctionActivityContext(nameof(DeployActivity), instanceId), input);

    [Function(nameof(CompleteRunActivity))]
    public Task<bool> CompleteRunAsync([ActivityTrigger] RunOutcome input, string instanceId) =>
        _completeRun.RunAsync(new FunctionActivityContext(nameof(CompleteRunActivity), instanceId), input);
}
