using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Pipeline.Activities;
using MlOps.Pipeline.Orchestrations;

namespace MlOps.Pipeline.Durable;

/// <summary>
/// Registers every orchestrator and activity by the same names the Azure Functions app uses, for hosts that run
/// the portable Durable Task worker (the local `mlops` host).
/// </summary>
public static class PipelineTaskRegistry
{
    /// <summary>Every orchestrator of the pipeline; each is registered under its class name.</summary>
    public static IReadOnlyList<Type> Orchestrators { get; } =
    [
        typeof(TrainingPipelineOrchestrator),
        typeof(ModelMonitorOrchestrator),
        typeof(CostMonitorOrchestrator),
    ];

    /// <summary>Every activity of the pipeline; each is registered under its class name, inside its span (<see cref="TracedActivity"/>).</summary>
    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(IngestActivity),
        typeof(PlanCandidatesActivity),
        typeof(RunSpendActivity),
        typeof(TrainCandidateActivity),
        typeof(CompleteTrainingActivity),
        typeof(EvaluateActivity),
        typeof(DeployActivity),
        typeof(PromoteActivity),
        typeof(UpdateRunStatusActivity),
        typeof(CheckDriftActivity),
        typeof(CheckDecayActivity),
        typeof(CheckServingHealthActivity),
        typeof(PlanRetrainActivity),
        typeof(RecordMonitorActivity),
        typeof(RefreshPriceSheetActivity),
        typeof(CollectAzureCostActivity),
        typeof(ReconcileCostActivity),
        typeof(RaiseCostAnomaliesActivity),
    ];

    /// <param name="replace">Activities to register in place of the pipeline's own, by name (fault injection in tests).</param>
    public static DurableTaskRegistry AddMlOpsPipelineTasks(this DurableTaskRegistry registry, IReadOnlyDictionary<string, Func<IServiceProvider, ITaskActivity>>? replace = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (Type orchestrator in Orchestrators)
        {
            registry.AddOrchestrator(orchestrator);
        }

        foreach (Type activity in Activities)
        {
            Func<IServiceProvider, ITaskActivity> factory = replace is not null && replace.TryGetValue(activity.Name, out Func<IServiceProvider, ITaskActivity>? replacement)
                ? replacement
                : services => (ITaskActivity)ActivatorUtilities.GetServiceOrCreateInstance(services, activity);
            registry.AddActivity(activity.Name, services => new TracedActivity(factory(services)));
        }

        return registry;
    }
}
