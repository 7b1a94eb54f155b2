using Microsoft.DurableTask;

namespace MlOps.Pipeline.Durable;

/// <summary>An activity as the portable Durable Task worker runs it, inside its <see cref="ActivitySpans"/> span.</summary>
public sealed class TracedActivity : ITaskActivity
{
    private readonly ITaskActivity _inner;

    public TracedActivity(ITaskActivity inner) => _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    public Type InputType => _inner.InputType;

    public Type OutputType => _inner.OutputType;

    public Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ActivitySpans.RunAsync(context.Name.Name, context.InstanceId, input, () => _inner.RunAsync(context, input));
    }
}
