using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Core.Data;
using MlOps.Core.Monitoring;
using MlOps.Core.Monitoring.Serving;
using MlOps.Pipeline.Activities;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Durable;

namespace MlOps.Functions.Durable;

/// <summary>
/// The activity triggers of the training pipeline, each named after the shared activity class the orchestrator calls
/// and delegating to its DI-registered instance. The instanceId parameter is the trigger's binding data.
/// </summary>
public sealed class PipelineActivityFunctions
{
    private readonly IServiceProvider _services;

    public PipelineActivityFunctions(IServiceProvider services) => _services = services;

    [Function(nameof(IngestActivity))]
    public Task<IngestOutcome> IngestAsync([ActivityTrigger] TrainingRequest input, string instanceId) => Run<IngestActivity, TrainingRequest, IngestOutcome>(input, instanceId);

    [Function(nameof(PlanCandidatesActivity))]
    public Task<CandidatePlan> PlanCandidatesAsync([ActivityTrigger] StageInput input, string instanceId) => Run<PlanCandidatesActivity, StageInput, CandidatePlan>(input, instanceId);

    [Function(nameof(RunSpendActivity))]
    public Task<RunSpend> RunSpendAsync([ActivityTrigger] RunSpendInput input, string instanceId) => Run<RunSpendActivity, RunSpendInput, RunSpend>(input, instanceId);

    [Function(nameof(TrainCandidateActivity))]
    public Task<CandidateOutcome> TrainCandidateAsync([ActivityTrigger] CandidateInput input, string instanceId) =>
        Run<TrainCandidateActivity, CandidateInput, CandidateOutcome>(input, instanceId);

    [Function(nameof(CompleteTrainingActivity))]
    public Task<bool> CompleteTrainingAsync([ActivityTrigger] TrainingSummary input, string instanceId) => Run<CompleteTrainingActivity, TrainingSummary, bool>(input, instanceId);

    [Function(nameof(EvaluateActivity))]
    public Task<EvaluationResult> EvaluateAsync([ActivityTrigger] EvaluateInput input, string instanceId) => Run<EvaluateActivity, EvaluateInput, EvaluationResult>(input, instanceId);

    [Function(nameof(DeployActivity))]
    public Task<DeployResult> DeployAsync([ActivityTrigger] DeployInput input, string instanceId) => Run<DeployActivity, DeployInput, DeployResult>(input, instanceId);

    [Function(nameof(PromoteActivity))]
    public Task<DeployResult> PromoteAsync([ActivityTrigger] PromoteInput input, string instanceId) => Run<PromoteActivity, PromoteInput, DeployResult>(input, instanceId);

    [Function(nameof(UpdateRunStatusActivity))]
    public Task<bool> UpdateRunStatusAsync([ActivityTrigger] RunOutcome input, string instanceId) => Run<UpdateRunStatusActivity, RunOutcome, bool>(input, instanceId);

    [Function(nameof(CheckDriftActivity))]
    public Task<DriftCheck> CheckDriftAsync([ActivityTrigger] MonitorInput input, string instanceId) => Run<CheckDriftActivity, MonitorInput, DriftCheck>(input, instanceId);

    [Function(nameof(CheckDecayActivity))]
    public Task<DecayCheck> CheckDecayAsync([ActivityTrigger] MonitorInput input, string instanceId) => Run<CheckDecayActivity, MonitorInput, DecayCheck>(input, instanceId);

    [Function(nameof(CheckServingHealthActivity))]
    public Task<ServingHealthCheck> CheckServingHealthAsync([ActivityTrigger] MonitorInput input, string instanceId) =>
        Run<CheckServingHealthActivity, MonitorInput, ServingHealthCheck>(input, instanceId);

    [Function(nameof(PlanRetrainActivity))]
    public Task<RetrainPlan> PlanRetrainAsync([ActivityTrigger] RetrainInput input, string instanceId) => Run<PlanRetrainActivity, RetrainInput, RetrainPlan>(input, instanceId);

    [Function(nameof(RecordMonitorActivity))]
    public Task<bool> RecordMonitorAsync([ActivityTrigger] MonitorRecord input, string instanceId) => Run<RecordMonitorActivity, MonitorRecord, bool>(input, instanceId);

    [Function(nameof(RefreshPriceSheetActivity))]
    public Task<string?> RefreshPriceSheetAsync([ActivityTrigger] CostMonitorInput input, string instanceId) => Run<RefreshPriceSheetActivity, CostMonitorInput, string?>(input, instanceId);

    [Function(nameof(CollectAzureCostActivity))]
    public Task<AzureCostCollected> CollectAzureCostAsync([ActivityTrigger] CostMonitorInput input, string instanceId) =>
        Run<CollectAzureCostActivity, CostMonitorInput, AzureCostCollected>(input, instanceId);

    [Function(nameof(ReconcileCostActivity))]
    public Task<CostMonitorOutcome> ReconcileCostAsync([ActivityTrigger] CostReconcileInput input, string instanceId) =>
        Run<ReconcileCostActivity, CostReconcileInput, CostMonitorOutcome>(input, instanceId);

    [Function(nameof(RaiseCostAnomaliesActivity))]
    public Task<int> RaiseCostAnomaliesAsync([ActivityTrigger] CostMonitorInput input, string instanceId) => Run<RaiseCostAnomaliesActivity, CostMonitorInput, int>(input, instanceId);

    private Task<TOutput> Run<TActivity, TInput, TOutput>(TInput input, string instanceId)
        where TActivity : TaskActivity<TInput, TOutput> =>
        ActivitySpans.RunAsync(typeof(TActivity).Name, instanceId, input,
            () => _services.GetRequiredService<TActivity>().RunAsync(new FunctionActivityContext(typeof(TActivity).Name, instanceId), input));
}
