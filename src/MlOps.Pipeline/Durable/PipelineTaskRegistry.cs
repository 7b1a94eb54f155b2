using Microsoft.DurableTask;
using MlOps.Pipeline.Activities;
using MlOps.Pipeline.Orchestrations;

namespace MlOps.Pipeline.Durable;

/// <summary>
/// Registers every orchestrator and activity by the same names the Azure Functions app uses, for hosts that run
/// the portable Durable Task worker (the local `mlops` host).
/// </summary>
public static class PipelineTaskRegistry
{
    public static DurableTaskRegistry AddMlOpsPipelineTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator(TrainingPipelineOrchestrator.Name, () => new TrainingPipelineOrchestrator());
        registry.AddActivity<IngestActivity>();
        registry.AddActivity<PlanCandidatesActivity>();
        registry.AddActivity<TrainCandidateActivity>();
        registry.AddActivity<CompleteTrainingActivity>();
        registry.AddActivity<EvaluateActivity>();
        registry.AddActivity<DeployActivity>();
        registry.AddActivity<PromoteActivity>();
        registry.AddActivity<UpdateRunStatusActivity>();
        return registry;
    }
}
