using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace MlOps.Functions.Tests.Hosting;

/// <summary>
/// An [ActivityTrigger] function registered as a Durable Task activity: the worker hands it the input it read with
/// the app's data converter, as the Durable extension does, and the instanceId binding data.
/// </summary>
public sealed class FunctionActivity : ITaskActivity
{
    private readonly string _name;
    private readonly FunctionInvoker _invoker;

    public FunctionActivity(string name, FunctionInvoker invoker)
    {
        _name = name;
        _invoker = invoker;
        MethodInfo method = FunctionCatalog.All[name];
        InputType = FunctionCatalog.TriggerParameter<ActivityTriggerAttribute>(method).ParameterType;
        OutputType = FunctionInvoker.ResultType(method) ?? typeof(object);
    }

    public Type InputType { get; }

    public Type OutputType { get; }

    public Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _invoker.InvokeAsync(_name, p =>
            p.GetCustomAttribute<ActivityTriggerAttribute>() is not null ? input
            : p.Name == "instanceId" && p.ParameterType == typeof(string) ? context.InstanceId
            : throw FunctionInvoker.CannotBind(_name, p));
    }
}
