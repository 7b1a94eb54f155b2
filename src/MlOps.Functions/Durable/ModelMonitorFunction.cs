using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MlOps.Core.Monitoring;
using MlOps.Pipeline.Contracts;
using MlOps.Pipeline.Orchestrations;

namespace MlOps.Functions.Durable;

/// <summary>Runs the shared monitor orchestrator under the name the scheduler starts.</summary>
public static class ModelMonitorFunction
{
    [Function(ModelMonitorOrchestrator.Name)]
    public static Task<MonitorRecord> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, MonitorInput input) =>
        new ModelMonitorOrchestrator().RunAsync(context, input);
}
