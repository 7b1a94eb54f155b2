using Microsoft.DurableTask;

namespace MlOps.Pipeline.Tests.Cost;

/// <summary>The context an activity is called with, for calling one directly (as a worker would) on real services.</summary>
internal sealed class TestActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
