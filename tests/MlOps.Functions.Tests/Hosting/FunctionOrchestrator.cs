using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace MlOps.Functions.Tests.Hosting;

/// <summary>
/// An [OrchestrationTrigger] function registered as a Durable Task orchestrator: it gets the worker's orchestration
/// context, and its other parameter the orchestration's input, as the Durable extension binds it.
/// </summary>
public sealed class FunctionOrchestrator : ITaskOrchestrator
{
    private readonly string _name;
    private readonly FunctionInvoker _invoker;

    public FunctionOrchestrator(string name, FunctionInvoker invoker)
    {
        _name = name;
        _invoker = invoker;
        MethodInfo method = FunctionCatalog.All[name];
        InputType = method.GetParameters()
            .Where(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is null && p.ParameterType != typeof(FunctionContext) && p.ParameterType != typeof(CancellationToken))
            .Select(p => p.ParameterType).SingleOrDefault() ?? typeof(object);
        OutputType = FunctionInvoker.ResultType(method) ?? typeof(object);
    }

    public Type InputType { get; }

    public Type OutputType { get; }

    public Task<object?> RunAsync(TaskOrchestrationContext context, object? input) =>
        _invoker.InvokeAsync(_name, p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null ? context : input);
}
