using System.Text.Json;
using Microsoft.DurableTask;
using MlOps.Pipeline.Activities;
using MlOps.Pipeline.Orchestrations;

namespace MlOps.Functions.Tests.Durable;

public class DurableFunctionsMetadataTests
{
    private readonly IReadOnlyDictionary<string, JsonElement> _functions = BuildOutput.LoadFunctions();

    // Every activity class of MlOps.Pipeline, by the name the orchestrators call it with: a new activity without a
    // Functions wrapper would fail in Azure only at run time, so it fails here.
    public static TheoryData<string> PipelineActivities => new(ActivityNames());

    [Fact]
    public void OrchestrationTrigger_TrainingPipeline_IsTheOnlyBinding()
    {
        Assert.True(_functions.TryGetValue(TrainingPipelineOrchestrator.Name, out JsonElement metadata), "functions.metadata has no TrainingPipeline.");
        Assert.Equal(["orchestrationTrigger"], BuildOutput.BindingTypes(metadata));
    }

    [Fact]
    public void OrchestrationTrigger_ModelMonitor_IsRegisteredUnderItsClassName()
    {
        Assert.True(_functions.TryGetValue(ModelMonitorOrchestrator.Name, out JsonElement metadata), "functions.metadata has no ModelMonitorOrchestrator.");
        Assert.Equal(["orchestrationTrigger"], BuildOutput.BindingTypes(metadata));
    }

    [Theory]
    [MemberData(nameof(PipelineActivities))]
    public void ActivityTrigger_PipelineActivity_IsRegisteredUnderItsClassName(string activity)
    {
        Assert.True(_functions.TryGetValue(activity, out JsonElement metadata), $"functions.metadata has no activity '{activity}'.");
        Assert.Equal(["activityTrigger"], BuildOutput.BindingTypes(metadata));
        Assert.Equal("input", BuildOutput.Binding(metadata, "activityTrigger").GetProperty("name").GetString());
    }

    [Fact]
    public void ActivityTriggers_AllFunctions_MatchThePipelineActivities()
    {
        string[] wrapped = _functions.Where(f => BuildOutput.BindingTypes(f.Value).Contains("activityTrigger")).Select(f => f.Key).Order().ToArray();
        Assert.Equal(ActivityNames().Order(), wrapped);
        Assert.Equal(18, wrapped.Length);
    }

    private static string[] ActivityNames() =>
        typeof(IngestActivity).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(ITaskActivity).IsAssignableFrom(t) && t != typeof(MlOps.Pipeline.Durable.TracedActivity))
            .Select(t => t.Name)
            .ToArray();
}
