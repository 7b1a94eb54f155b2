using Microsoft.DurableTask;

namespace MlOps.Functions.Durable;

/// <summary>
/// The <see cref="TaskActivityContext"/> the shared activity classes expect. Durable Functions hands the worker the
/// activity input and binding data instead of a context, so the wrappers build one from the function's name and the
/// orchestration instance id.
/// </summary>
public sealed class FunctionActivityContext : TaskActivityContext
{
    public FunctionActivityContext(TaskName name, string instanceId)
    {
        Name = name;
        InstanceId = instanceId;
    }

    public override TaskName Name { get; }

    public override string InstanceId { get; }
}
