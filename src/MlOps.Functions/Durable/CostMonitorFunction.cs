using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Orchestrations;

namespace MlOps.Functions.Durable;

/// <summary>Runs the shared cost monitor orchestrator under the name the scheduler starts.</summary>
public static class CostMonitorFunction
{
    [Function(CostMonitorOrchestrator.Name)]
    public static Task<CostMonitorOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, CostMonitorInput input) =>
        new CostMonitorOrchestrator().RunAsync(context, input);
}
