using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Orchestrations;

namespace MlOps.Functions.Durable;

/// <summary>Runs the shared training orchestrator under the name every starter schedules.</summary>
public static class TrainingPipelineFunction
{
    [Function(TrainingPipelineOrchestrator.Name)]
    public static Task<RunOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, TrainingRequest input) =>
        new TrainingPipelineOrchestrator().RunAsync(context, input);
}
